import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { createApiKey } from "./service.ts";

describeEachDatabase("accounts API", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("answers 401 problem JSON without a key, with a malformed key and with an unknown key", async () => {
    for (const key of [null, "not-a-key", "chk_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"]) {
      const res = await h.api("GET", "/v1/tenant", undefined, key);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(res.body).toMatchObject({
        status: 401,
        code: "unauthorized",
        type: expect.stringContaining("unauthorized"),
      });
    }
  });

  it("scopes a key to its tenant", async () => {
    const res = await h.api("GET", "/v1/tenant");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: h.tenant.id, slug: h.tenant.slug });
  });

  it("creates a key shown once, stores only its hash, and revokes it", async () => {
    const created = await h.api("POST", "/v1/api-keys", { name: "crm sync", role: "developer" });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^chk_[a-z0-9]{12}_/);
    const key: string = created.body.key;

    const asNew = await h.api("GET", "/v1/tenant", undefined, key);
    expect(asNew.status).toBe(200);

    const list = await h.api("GET", "/v1/api-keys");
    const listed = list.body.data.find((k: { id: string }) => k.id === created.body.apiKey.id);
    expect(listed).toMatchObject({ name: "crm sync", role: "developer", revokedAt: null });
    // The secret is all after "chk_<prefix>_" (it may hold "_" itself).
    const secret = /^chk_[a-z0-9]{12}_(.+)$/.exec(key)?.[1];
    expect(secret?.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    expect((await h.api("DELETE", `/v1/api-keys/${created.body.apiKey.id}`)).status).toBe(204);
    expect((await h.api("GET", "/v1/tenant", undefined, key)).status).toBe(401);
    expect((await h.api("DELETE", `/v1/api-keys/${created.body.apiKey.id}`)).body.code).toBe("not_found");

    const audit = await h.api("GET", "/v1/audit-log?action=api_key.revoked");
    expect(audit.body.data[0]).toMatchObject({ action: "api_key.revoked", targetId: created.body.apiKey.id });
  });

  it("refuses what a role may not do", async () => {
    const dev = await h.api("POST", "/v1/api-keys", { name: "dev", role: "developer" });
    const res = await h.api("POST", "/v1/api-keys", { name: "escalate", role: "tenant_admin" }, dev.body.key);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("forbidden_role");
    const platform = await h.api("POST", "/v1/api-keys", { name: "x", role: "platform_admin" });
    expect(platform.status).toBe(403);
    expect(platform.body.code).toBe("role_not_grantable");
    const admin = await h.api("POST", "/v1/admin/tenants", { slug: "nope", name: "Nope" });
    expect(admin.status).toBe(403);
  });

  it("never shows one tenant's keys or audit log to another", async () => {
    const other = await makeTenant(h);
    const mine = await h.api("POST", "/v1/api-keys", { name: "mine", role: "analyst" });
    const theirs = await h.api("GET", "/v1/api-keys", undefined, other.apiKey);
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.map((k: { id: string }) => k.id)).not.toContain(mine.body.apiKey.id);
    const revoke = await h.api("DELETE", `/v1/api-keys/${mine.body.apiKey.id}`, undefined, other.apiKey);
    expect(revoke.status).toBe(404);
    const audit = await h.api("GET", "/v1/audit-log", undefined, other.apiKey);
    expect(
      audit.body.data.every((entry: { targetId: string }) => entry.targetId !== mine.body.apiKey.id),
    ).toBe(true);
  });

  it("validates bodies with per-field problem errors and refuses bad JSON", async () => {
    const res = await h.api("POST", "/v1/users", {
      email: "nope",
      name: "",
      role: "wizard",
      password: "short",
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("validation_failed");
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.email", "body.name", "body.role", "body.password"]));
    const bad = await h.api("POST", "/v1/api-keys", "{not json");
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_json");
  });

  it("creates users and refuses a duplicate email", async () => {
    const body = {
      email: `agent-${kind}@example.com`,
      name: "Ana",
      role: "agent",
      password: "correct horse battery",
    };
    const first = await h.api("POST", "/v1/users", body);
    expect(first.status).toBe(201);
    expect(first.body).not.toHaveProperty("passwordHash");
    const again = await h.api("POST", "/v1/users", { ...body, email: body.email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("user_exists");
  });

  it("lets a platform admin create tenants", async () => {
    const { db } = h.charla.services.database;
    const { key } = await createApiKey(
      db,
      { tenantId: h.tenant.id, name: "ops", role: "platform_admin" },
      { kind: "cli" },
    );
    const res = await h.api("POST", "/v1/admin/tenants", { slug: `acme-${kind}`, name: "Acme" }, key);
    expect(res.status).toBe(201);
    expect((await h.api("GET", "/v1/tenant", undefined, res.body.adminKey)).body.slug).toBe(`acme-${kind}`);
    const dup = await h.api("POST", "/v1/admin/tenants", { slug: `acme-${kind}`, name: "Acme" }, key);
    expect(dup.body.code).toBe("tenant_exists");
  });
});

describe("unknown routes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite");
  });
  afterAll(() => h?.close());

  it("answer 404 problem JSON", async () => {
    const res = await h.api("GET", "/nope");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("route_not_found");
  });
});
