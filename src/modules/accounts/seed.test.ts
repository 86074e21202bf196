import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { portalClient, signIn } from "../../../test/support/sessions.ts";
import { seedDemo, seedPlatformAdmin } from "./seed.ts";

describeEachDatabase("seeded logins", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
  });
  afterAll(() => h?.close());

  it("seeds a platform admin who signs in to the platform tenant and may do what only platform admins may", async () => {
    const { db } = h.charla.services.database;
    const first = await seedPlatformAdmin(db, { renewPassword: true });
    expect(first.password).toEqual(expect.any(String));
    const admin = await signIn(h, "admin@charla.local", first.password!);
    const session = await admin.request("GET", "/v1/auth/session");
    expect(session.body).toMatchObject({ user: { role: "platform_admin" }, tenant: { slug: "platform" } });
    const tenant = await admin.request("POST", "/v1/admin/tenants", {
      slug: `seeded-${kind}`,
      name: "Seeded",
    });
    expect(tenant.status).toBe(201);

    // A demo start renews the password; a production start keeps it.
    const renewed = await seedPlatformAdmin(db, { renewPassword: true });
    const login = (password: string) =>
      portalClient(h).request("POST", "/v1/auth/login", { email: "admin@charla.local", password });
    expect((await login(first.password!)).status).toBe(401);
    const kept = await seedPlatformAdmin(db, { renewPassword: false });
    expect(kept.password).toBeNull();
    expect((await login(renewed.password!)).status).toBe(200);
  });

  it("seeds the demo tenant's admin with a password that signs in", async () => {
    const demo = await seedDemo(h.charla.services.database.db);
    const client = await signIn(h, demo.email, demo.password);
    const session = await client.request("GET", "/v1/auth/session");
    expect(session.body).toMatchObject({ user: { role: "tenant_admin" }, tenant: { slug: "demo" } });
  });

  it("lets the platform admin approve a tenant's template from a portal session", async () => {
    const name = `portal_review_${kind}_${process.pid}`;
    const created = await h.api("POST", "/v1/templates", {
      name,
      language: "en_US",
      category: "UTILITY",
      components: [
        {
          type: "BODY",
          text: "Hi {{1}}, your order {{2}} has shipped.",
          example: { body_text: [["Ana", "A-1"]] },
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { password } = await seedPlatformAdmin(h.charla.services.database.db, { renewPassword: true });
    const admin = await signIn(h, "admin@charla.local", password!);
    const queue = await admin.request("GET", "/v1/admin/template-reviews?limit=200");
    expect(queue.body.data.map((t: { id: string }) => t.id)).toContain(created.body.id);
    const approved = await admin.request("POST", `/v1/admin/templates/${created.body.id}/approve`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.status).not.toBe("in_review");
  });
});
