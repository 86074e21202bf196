import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { portalClient, sessionSetCookie, signIn } from "../../../test/support/sessions.ts";
import { sha256Hex } from "../../lib/crypto.ts";
import { userInvitations } from "./auth-schema.ts";
import { createUser } from "./service.ts";

const PASSWORD = "correct horse battery";

describeEachDatabase("portal invitations", (kind) => {
  let h: Harness;
  let adminEmail: string;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
    adminEmail = `inviter-${kind}@example.com`;
    await createUser(
      h.charla.services.database.db,
      { tenantId: h.tenant.id, email: adminEmail, name: "Inviter", role: "tenant_admin", password: PASSWORD },
      { kind: "system" },
    );
  });
  afterAll(() => h?.close());

  it("invites a user who accepts, sets a password and is signed in with the invited role", async () => {
    const admin = await signIn(h, adminEmail, PASSWORD);
    const email = `new-agent-${kind}@example.com`;
    const invited = await admin.request("POST", "/v1/users/invitations", {
      email,
      name: "Nueva",
      role: "agent",
    });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ email, name: "Nueva", role: "agent", token: expect.any(String) });
    const { token } = invited.body;
    expect(invited.body.acceptPath).toBe(`/accept-invitation?token=${encodeURIComponent(token)}`);
    expect(new Date(invited.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3_600_000);

    // Stored hashed; listed without the token.
    const [row] = await h.charla.services.database.db
      .select()
      .from(userInvitations)
      .where(eq(userInvitations.id, invited.body.id));
    expect(row?.tokenHash).toBe(sha256Hex(token));
    const list = await admin.request("GET", "/v1/users/invitations");
    expect(list.body.data.map((i: { id: string }) => i.id)).toContain(invited.body.id);
    expect(JSON.stringify(list.body)).not.toContain(token);

    const described = await portalClient(h).request("GET", `/v1/auth/invitations/${token}`);
    expect(described.status).toBe(200);
    expect(described.body).toMatchObject({ email, name: "Nueva", role: "agent", tenantName: h.tenant.name });

    const invitee = portalClient(h);
    const weak = await invitee.request("POST", `/v1/auth/invitations/${token}/accept`, { password: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe("validation_failed");
    const accepted = await invitee.request("POST", `/v1/auth/invitations/${token}/accept`, {
      name: "Nueva Agente",
      password: "her own secret pass",
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      user: { email, name: "Nueva Agente", role: "agent", tenantId: h.tenant.id },
      tenant: { id: h.tenant.id },
      csrfToken: expect.any(String),
    });
    expect(sessionSetCookie(accepted.headers)).toMatch(/HttpOnly/i);
    expect((await invitee.request("GET", "/v1/auth/session")).status).toBe(200);
    expect((await invitee.request("GET", "/v1/api-keys")).status).toBe(403);

    // Used once: the token is gone, the invitation is no longer pending, the password signs in.
    expect((await portalClient(h).request("GET", `/v1/auth/invitations/${token}`)).status).toBe(404);
    const again = await portalClient(h).request("POST", `/v1/auth/invitations/${token}/accept`, {
      password: "another secret pass",
    });
    expect(again.status).toBe(404);
    expect((await admin.request("GET", "/v1/users/invitations")).body.data).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ id: invited.body.id })]),
    );
    await signIn(h, email, "her own secret pass");
    const people = await admin.request("GET", "/v1/users");
    expect(people.body.data).toEqual(
      expect.arrayContaining([expect.objectContaining({ email, name: "Nueva Agente", role: "agent" })]),
    );
    expect(JSON.stringify(people.body)).not.toContain("passwordHash");

    const audit = await h.api("GET", "/v1/audit-log?limit=500");
    const actions = audit.body.data
      .filter((entry: { targetId: string }) => entry.targetId === invited.body.id)
      .map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["invitation.created", "invitation.accepted"]));
  });

  it("revokes only this tenant's invitations: another tenant's id is 404", async () => {
    const admin = await signIn(h, adminEmail, PASSWORD);
    const invited = await admin.request("POST", "/v1/users/invitations", {
      email: `revoked-${kind}@example.com`,
      name: "Revoked",
      role: "analyst",
    });
    const other = await makeTenant(h);
    const foreign = await h.api(
      "DELETE",
      `/v1/users/invitations/${invited.body.id}`,
      undefined,
      other.apiKey,
    );
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("not_found");
    const theirList = await h.api("GET", "/v1/users/invitations", undefined, other.apiKey);
    expect(theirList.body.data).toEqual([]);
    const theirUsers = await h.api("GET", "/v1/users", undefined, other.apiKey);
    expect(theirUsers.body.data).toEqual([]);

    expect(
      (await admin.request("DELETE", `/v1/users/invitations/${invited.body.id}`, undefined, { csrf: null }))
        .status,
    ).toBe(403);
    expect((await admin.request("DELETE", `/v1/users/invitations/${invited.body.id}`)).status).toBe(204);
    expect((await admin.request("DELETE", `/v1/users/invitations/${invited.body.id}`)).status).toBe(404);
    const accept = await portalClient(h).request(
      "POST",
      `/v1/auth/invitations/${invited.body.token}/accept`,
      {
        password: "a fine password",
      },
    );
    expect(accept.status).toBe(404);
    const audit = await h.api("GET", "/v1/audit-log?action=invitation.revoked");
    expect(audit.body.data[0]).toMatchObject({ targetId: invited.body.id });
  });

  it("refuses expired invitations", async () => {
    const created = await h.api("POST", "/v1/users/invitations", {
      email: `late-${kind}@example.com`,
      name: "Late",
      role: "developer",
    });
    expect(created.status).toBe(201);
    await h.charla.services.database.db
      .update(userInvitations)
      .set({ expiresAt: sql`now() - interval '1 minute'` })
      .where(eq(userInvitations.id, created.body.id));
    expect((await portalClient(h).request("GET", `/v1/auth/invitations/${created.body.token}`)).status).toBe(
      404,
    );
    const accept = await portalClient(h).request(
      "POST",
      `/v1/auth/invitations/${created.body.token}/accept`,
      {
        password: "a fine password",
      },
    );
    expect(accept.status).toBe(404);
  });

  it("answers an email another tenant uses like a new one, and tells only the invitee", async () => {
    const other = await makeTenant(h);
    const theirs = `theirs-${kind}@example.com`;
    await createUser(
      h.charla.services.database.db,
      { tenantId: other.tenant.id, email: theirs, name: "Theirs", role: "agent", password: PASSWORD },
      { kind: "system" },
    );
    const fresh = `fresh-${kind}@example.com`;
    const invitedTheirs = await h.api("POST", "/v1/users/invitations", {
      email: theirs,
      name: "X",
      role: "agent",
    });
    const invitedFresh = await h.api("POST", "/v1/users/invitations", {
      email: fresh,
      name: "X",
      role: "agent",
    });
    for (const answer of [invitedTheirs, invitedFresh]) {
      expect(answer.status).toBe(201);
      expect(Object.keys(answer.body).sort()).toEqual(Object.keys(invitedFresh.body).sort());
      expect(JSON.stringify(answer.body)).not.toContain(other.tenant.slug);
      expect(JSON.stringify(answer.body)).not.toContain(other.tenant.id);
    }
    // Only the owner of the address, who holds the token, learns that it already has an account.
    const accepted = await h.api(
      "POST",
      `/v1/auth/invitations/${invitedTheirs.body.token}/accept`,
      { password: "long enough pass" },
      null,
    );
    expect(accepted.status).toBe(409);
    expect(accepted.body.code).toBe("user_exists");
    expect(JSON.stringify(accepted.body)).not.toContain(other.tenant.slug);
    // The tenant's own users: it knows them, so a duplicate is a 409 either way.
    const own = [
      await h.api("POST", "/v1/users/invitations", { email: adminEmail, name: "X", role: "agent" }),
      await h.api("POST", "/v1/users", {
        email: adminEmail,
        name: "X",
        role: "agent",
        password: "long enough pass",
      }),
    ];
    for (const answer of own) {
      expect(answer.status).toBe(409);
      expect(answer.body.code).toBe("user_exists");
    }
    const platform = await h.api("POST", "/v1/users/invitations", {
      email: `ops-${kind}@example.com`,
      name: "Ops",
      role: "platform_admin",
    });
    expect(platform.status).toBe(403);
    expect(platform.body.code).toBe("role_not_grantable");
  });

  it("lets only tenant admins invite", async () => {
    const dev = await h.api("POST", "/v1/api-keys", { name: "dev", role: "developer" });
    const res = await h.api(
      "POST",
      "/v1/users/invitations",
      { email: `x-${kind}@example.com`, name: "X", role: "agent" },
      dev.body.key,
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("forbidden_role");
    expect((await h.api("GET", "/v1/users/invitations", undefined, dev.body.key)).status).toBe(403);
  });
});
