import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { users } from "./schema.ts";

describeEachDatabase("what one tenant can learn about another", (kind) => {
  let h: Harness;
  let other: { apiKey: string };
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
    other = await makeTenant(h);
  });
  afterAll(() => h?.close());

  const user = (email: string) => ({ email, name: "Ana", role: "agent", password: "correct horse battery" });

  it("user creation answers alike for a new e-mail and one another tenant uses, and creates nothing for the latter", async () => {
    const taken = `taken-${kind}@example.com`;
    expect((await h.api("POST", "/v1/users", user(taken))).status).toBe(201);

    const fresh = await h.api("POST", "/v1/users", user(`fresh-${kind}@example.com`), other.apiKey);
    const probe = await h.api("POST", "/v1/users", user(taken.toUpperCase()), other.apiKey);
    expect(probe.status).toBe(fresh.status);
    expect(Object.keys(probe.body).sort()).toEqual(Object.keys(fresh.body).sort());
    expect(probe.body.email).toBe(taken.toUpperCase());

    const { db } = h.charla.services.database;
    const owners = await db
      .select({ tenantId: users.tenantId })
      .from(users)
      .where(eq(users.id, probe.body.id));
    expect(owners).toEqual([]);
    // The tenant's own audit log does not tell either.
    const audit = await h.api("GET", "/v1/audit-log?action=user.create_withheld", undefined, other.apiKey);
    expect(audit.body.data).toEqual([]);
    // Its own duplicate is still refused: a tenant knows its own users.
    const again = await h.api("POST", "/v1/users", user(`fresh-${kind}@example.com`), other.apiKey);
    expect(again.status).toBe(409);
  });

  it("template sync for another tenant's account id answers 404 like every by-id call", async () => {
    const accounts = await h.api("GET", "/v1/whatsapp-accounts");
    const accountId = accounts.body.data[0].id as string;
    const mine = await h.api("POST", "/v1/templates/sync", { accountId });
    expect(mine.status).toBe(200);
    for (const id of [accountId, randomUUID()]) {
      const theirs = await h.api("POST", "/v1/templates/sync", { accountId: id }, other.apiKey);
      expect(theirs.status, id).toBe(404);
      expect(theirs.body.code).toBe("whatsapp_account_not_found");
    }
  });
});
