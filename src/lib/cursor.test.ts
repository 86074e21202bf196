import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.ts";
import { type Harness, startHarness } from "../../test/support/harness.ts";
import { decodeCursor, encodeCursor } from "./cursor.ts";

const b64 = (text: string) => Buffer.from(text).toString("base64url");
const uuid = "0b7e6f0e-8a3c-4c1e-9a51-3f1d2c4b5a69";
/** Cursors a client could craft: each decodes to something PostgreSQL would refuse or misread. */
const crafted = [
  b64(`+275760-09-13T00:00:00.000Z|${uuid}`),
  b64(`-000001-01-01T00:00:00.000Z|${uuid}`),
  b64(`2026-01-01T00:00:00.000Z|${"-".repeat(36)}`),
  b64(`2026-01-01T00:00:00.000Z|${"g".repeat(36)}`),
  b64(`2026-01-01T00:00:00.000Z|${uuid}|extra`),
  b64("not a date|x"),
  "%00",
  "x".repeat(90),
];

describe("decodeCursor", () => {
  it("reads back what encodeCursor wrote", () => {
    const at = new Date("2026-11-30T08:00:00.123Z");
    expect(decodeCursor(encodeCursor(at, uuid))).toEqual({ at, id: uuid });
  });
  it.each(crafted.slice(0, 6))("refuses the crafted cursor %s", (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(
      expect.objectContaining({ status: 400, code: "invalid_cursor" }),
    );
  });
});

describeEachDatabase("crafted list parameters", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
  });
  afterAll(() => h?.close());

  const lists = ["/v1/messages", "/v1/conversations", "/v1/templates", "/v1/admin/template-reviews"];

  it.each(lists)("%s answers 400 problem JSON to every crafted cursor", async (path) => {
    for (const cursor of crafted) {
      const response = await h.api("GET", `${path}?cursor=${encodeURIComponent(cursor)}`);
      // The admin queue is for platform admins only: a tenant key is refused before the cursor is read.
      expect([400, 403], `${path} ${cursor}`).toContain(response.status);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });

  it.each(["+275760-09-13T00:00:00.000Z", "-271821-04-20T00:00:00.000Z", "99999999999999", "yesterday"])(
    "the audit log answers 400 to before=%s",
    async (before) => {
      const response = await h.api("GET", `/v1/audit-log?before=${encodeURIComponent(before)}`);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe("validation_failed");
    },
  );

  it("answers problem JSON to a path parameter too long for the router", async () => {
    for (const path of [
      `/v1/messages/${"a".repeat(5_000)}`,
      `/v1/templates/${"1".repeat(300)}`,
      "/v1/messages/%E0%A4%A",
    ]) {
      const response = await h.api("GET", path);
      expect(response.status, path.slice(0, 20)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
    }
  });
});
