import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { portalClient, sessionSetCookie, signIn } from "../../../test/support/sessions.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { loginThrottle, userSessions } from "./auth-schema.ts";
import type { Role } from "./schema.ts";
import { createUser } from "./service.ts";

const PASSWORD = "correct horse battery";
let userCounter = 0;

describeEachDatabase("portal sessions", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { LOGIN_MAX_FAILURES_PER_IP: "8" }, {}, { workers: false });
  });
  afterAll(() => h?.close());
  // Every request comes from 127.0.0.1: each test starts with no failures counted against it.
  beforeEach(async () => {
    await h.charla.services.database.db.delete(loginThrottle);
  });

  async function makeUser(role: Role, tenantId = h.tenant.id) {
    const email = `user${++userCounter}-${role}-${kind}@example.com`;
    const user = await createUser(
      h.charla.services.database.db,
      { tenantId, email, name: `User ${userCounter}`, role, password: PASSWORD },
      { kind: "system" },
    );
    return { ...user, email };
  }

  const auditActions = async (action: string) =>
    (await h.api("GET", `/v1/audit-log?action=${action}&limit=500`)).body.data as {
      targetId: string;
      actor: string;
      data: Record<string, unknown>;
    }[];

  it("signs in with email and password and sets an HttpOnly, SameSite=Lax session cookie", async () => {
    const user = await makeUser("tenant_admin");
    const client = portalClient(h);
    const login = await client.request("POST", "/v1/auth/login", {
      email: user.email.toUpperCase(),
      password: PASSWORD,
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({
      user: { id: user.id, email: user.email, role: "tenant_admin", tenantId: h.tenant.id },
      tenant: { id: h.tenant.id, slug: h.tenant.slug },
      csrfToken: expect.any(String),
    });
    const cookie = sessionSetCookie(login.headers) ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i);

    // Only a hash of the cookie's token is stored.
    const rows = await h.charla.services.database.db.select().from(userSessions);
    expect(rows.some((row) => row.tokenHash === sha256Hex(client.cookie ?? ""))).toBe(true);
    expect(rows.some((row) => row.tokenHash === client.cookie)).toBe(false);

    const session = await client.request("GET", "/v1/auth/session");
    expect(session.status).toBe(200);
    expect(session.body).toEqual(login.body);
    expect((await client.request("GET", "/v1/tenant")).body.id).toBe(h.tenant.id);
    expect((await auditActions("login")).some((entry) => entry.targetId === user.id)).toBe(true);
  });

  it("marks the cookie Secure behind an HTTPS proxy", async () => {
    const user = await makeUser("agent");
    const res = await fetch(`${h.url}/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
      body: JSON.stringify({ email: user.email, password: PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(sessionSetCookie(res.headers)).toMatch(/;\s*Secure/i);
  });

  it("answers a wrong password and an unknown email alike, and audits the failures", async () => {
    const user = await makeUser("agent");
    const wrong = await portalClient(h).request("POST", "/v1/auth/login", {
      email: user.email,
      password: "not the password",
    });
    const unknown = await portalClient(h).request("POST", "/v1/auth/login", {
      email: `nobody-${kind}@example.com`,
      password: "not the password",
    });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.body.code).toBe("invalid_credentials");
      expect(sessionSetCookie(answer.headers)).toBeUndefined();
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const failed = await auditActions("login.failed");
    expect(failed.some((entry) => entry.targetId === user.id && entry.data.email === user.email)).toBe(true);
    const anonymous = await portalClient(h).request("GET", "/v1/auth/session");
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("unauthorized");
  });

  it("locks an email after 5 failures, with 429 login_locked and Retry-After, until the lock ends", async () => {
    const user = await makeUser("analyst");
    const attempt = (password: string) =>
      portalClient(h).request("POST", "/v1/auth/login", { email: user.email, password });
    for (let i = 1; i <= 4; i++) expect((await attempt(`wrong ${i}`)).status).toBe(401);
    const fifth = await attempt("wrong 5");
    expect(fifth.status).toBe(429);
    expect(fifth.headers.get("content-type")).toContain("application/problem+json");
    expect(fifth.body.code).toBe("login_locked");
    const locked = await attempt(PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("login_locked");
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect((await auditActions("login.locked")).some((entry) => entry.targetId === user.id)).toBe(true);

    // Fifteen minutes pass: the lock and the window it counted in lie in the past.
    const { db } = h.charla.services.database;
    await db.update(loginThrottle).set({
      lockedUntil: sql`now() - interval '1 second'`,
      windowStartedAt: sql`now() - interval '16 minutes'`,
    });
    expect((await attempt(PASSWORD)).status).toBe(200);
    // The failure count starts over after a successful sign-in.
    for (let i = 1; i <= 4; i++) expect((await attempt(`again ${i}`)).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200);
  });

  it("throttles a client address across emails, and concurrent failures never crash", async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        portalClient(h).request("POST", "/v1/auth/login", {
          email: `spray${i}-${kind}@example.com`,
          password: "guess",
        }),
      ),
    );
    expect(answers.map((a) => a.status).every((status) => status === 401 || status === 429)).toBe(true);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(1);
    // Locked by address: even a real user's right password from here waits.
    const user = await makeUser("agent");
    const blocked = await portalClient(h).request("POST", "/v1/auth/login", {
      email: user.email,
      password: PASSWORD,
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("refuses a cookie-authenticated change without the CSRF token and accepts it with the token", async () => {
    const admin = await makeUser("tenant_admin");
    const client = await signIn(h, admin.email, PASSWORD);
    const missing = await client.request(
      "POST",
      "/v1/api-keys",
      { name: "x", role: "analyst" },
      { csrf: null },
    );
    expect(missing.status).toBe(403);
    expect(missing.body.code).toBe("csrf_failed");
    const wrong = await client.request("POST", "/v1/api-keys", { name: "x" }, { csrf: "forged-token" });
    expect(wrong.status).toBe(403);
    expect(wrong.body.code).toBe("csrf_failed");
    expect((await client.request("GET", "/v1/api-keys", undefined, { csrf: null })).status).toBe(200);
    const ok = await client.request("POST", "/v1/api-keys", { name: "from portal", role: "analyst" });
    expect(ok.status).toBe(201);
    const audit = await h.api("GET", "/v1/audit-log?action=api_key.created");
    expect(audit.body.data[0]).toMatchObject({ targetId: ok.body.apiKey.id, actor: `user:${admin.id}` });
  });

  it("gives a session the role checks of an API key", async () => {
    const agent = await signIn(h, (await makeUser("agent")).email, PASSWORD);
    const denied = await agent.request("GET", "/v1/api-keys");
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("forbidden_role");
    expect((await agent.request("POST", "/v1/api-keys", { name: "nope" })).status).toBe(403);
    expect((await agent.request("GET", "/v1/tenant")).status).toBe(200);

    const platform = await makeTenant(h);
    const platformAdmin = await makeUser("platform_admin", platform.tenant.id);
    const ops = await signIn(h, platformAdmin.email, PASSWORD);
    const created = await ops.request("POST", "/v1/admin/tenants", {
      slug: `portal-${kind}`,
      name: "Portal",
    });
    expect(created.status).toBe(201);
  });

  it("signs out: 204, the cookie cleared and the session gone on the server", async () => {
    const user = await makeUser("developer");
    const client = await signIn(h, user.email, PASSWORD);
    const cookie = client.cookie;
    expect((await client.request("POST", "/v1/auth/logout", undefined, { csrf: null })).status).toBe(403);
    const out = await client.request("POST", "/v1/auth/logout");
    expect(out.status).toBe(204);
    expect(sessionSetCookie(out.headers)).toMatch(/^charla_session=;/);
    expect(client.cookie).toBeNull();
    client.cookie = cookie;
    const after = await client.request("GET", "/v1/auth/session");
    expect(after.status).toBe(401);
    expect((await auditActions("logout")).some((entry) => entry.targetId === user.id)).toBe(true);
  });

  it("changes the password and ends the user's other sessions", async () => {
    const user = await makeUser("agent");
    const here = await signIn(h, user.email, PASSWORD);
    const elsewhere = await signIn(h, user.email, PASSWORD);
    const wrong = await here.request("POST", "/v1/auth/password", {
      currentPassword: "not it",
      newPassword: "a brand new secret",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("invalid_credentials");
    const weak = await here.request("POST", "/v1/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "short",
    });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe("validation_failed");
    const changed = await here.request("POST", "/v1/auth/password", {
      currentPassword: PASSWORD,
      newPassword: "a brand new secret",
    });
    expect(changed.status).toBe(204);
    expect((await elsewhere.request("GET", "/v1/auth/session")).status).toBe(401);
    expect((await here.request("GET", "/v1/auth/session")).status).toBe(200);
    const old = await portalClient(h).request("POST", "/v1/auth/login", {
      email: user.email,
      password: PASSWORD,
    });
    expect(old.status).toBe(401);
    await signIn(h, user.email, "a brand new secret");
    const audit = await auditActions("user.password_changed");
    expect(audit.find((entry) => entry.targetId === user.id)?.data).toMatchObject({ endedSessions: 1 });
  });

  it("ends a session that sat idle too long", async () => {
    const user = await makeUser("analyst");
    const client = await signIn(h, user.email, PASSWORD);
    const { db } = h.charla.services.database;
    await db
      .update(userSessions)
      .set({ lastSeenAt: sql`now() - interval '9 hours'` })
      .where(sql`${userSessions.tokenHash} = ${sha256Hex(client.cookie ?? "")}`);
    const res = await client.request("GET", "/v1/auth/session");
    expect(res.status).toBe(401);
    expect(client.cookie).toBeNull();
  });
});
