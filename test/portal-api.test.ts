import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { portalApiTypes, portalApiTypesPath } from "../src/http/portal-api-types.ts";

describe("portal API client", () => {
  it("the checked-in types match the server's current OpenAPI document (run `npm run portal:api`)", async () => {
    const current = await portalApiTypes();
    expect(readFileSync(portalApiTypesPath, "utf8") === current, "portal/src/api/schema.d.ts is stale").toBe(
      true,
    );
  });
});
