import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { type PortalClient, signIn } from "../../../test/support/sessions.ts";
import { openStream } from "../../../test/support/sse.ts";
import { eventually } from "../../../test/support/wait.ts";
import { auditLog, conversations } from "../../db/schema.ts";
import { createUser } from "../accounts/index.ts";
import { inboxTick } from "./jobs.ts";

const fresh = () => `54911${randomInt(10_000_000, 99_999_999)}`;
const PASSWORD = "una clave larga de prueba 42";

describeEachDatabase("inbox: life cycle and assignment", (kind) => {
  let h: Harness;
  let ana: PortalClient;
  let beto: PortalClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(kind);
    const { db } = h.charla.services.database;
    for (const [name, email] of [
      ["ana", `ana.${kind}@example.com`],
      ["beto", `beto.${kind}@example.com`],
    ] as const) {
      const user = await createUser(
        db,
        { tenantId: h.tenant.id, email, name, role: "agent", password: PASSWORD },
        { kind: "system" },
      );
      ids[name] = user.id;
    }
    ana = await signIn(h, `ana.${kind}@example.com`, PASSWORD);
    beto = await signIn(h, `beto.${kind}@example.com`, PASSWORD);
  });
  afterAll(() => h?.close());

  const conversationFrom = async (from: string, text = "Hola") => {
    h.sandbox.emulator.injectInbound({ from, text });
    return eventually(async () => {
      const list = (await h.api("GET", "/v1/conversations?limit=200")).body.data;
      return list.find((c: { contact: { phone: string } }) => c.contact.phone === `+${from}`);
    });
  };

  it("moves through pending, snoozed and resolved; the customer reopens it; each move audited and streamed", async () => {
    const stream = await openStream(`${h.url}/v1/events/stream`, { authorization: `Bearer ${h.apiKey}` });
    const from = fresh();
    const conversation = await conversationFrom(from);
    expect(conversation).toMatchObject({ status: "open", assigneeId: null, labels: [] });
    const path = `/v1/conversations/${conversation.id}`;

    expect((await h.api("PATCH", path, { status: "pending" })).body.status).toBe("pending");
    const pending = await stream.waitFor(
      (e) => e.event === "conversation.status_changed" && e.data.data.to === "pending",
    );
    expect(pending.data.data).toMatchObject({
      conversationId: conversation.id,
      from: "open",
      reason: "agent",
    });

    const past = await h.api("PATCH", path, {
      status: "snoozed",
      snoozedUntil: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.status).toBe(422);
    expect(past.body.code).toBe("snooze_time_invalid");
    const until = new Date(Date.now() + 60_000);
    const snoozed = await h.api("PATCH", path, { status: "snoozed", snoozedUntil: until.toISOString() });
    expect(snoozed.body).toMatchObject({ status: "snoozed", snoozedUntil: until.toISOString() });

    // The snooze ends (the minute job, run at a later time).
    await inboxTick(h.charla.services, new Date(until.getTime() + 1000));
    expect((await h.api("GET", path)).body).toMatchObject({ status: "open", snoozedUntil: null });
    await stream.waitFor(
      (e) => e.event === "conversation.status_changed" && e.data.data.reason === "snooze_ended",
    );

    const resolved = await h.api("PATCH", path, { status: "resolved" });
    expect(resolved.body.status).toBe("resolved");
    expect(resolved.body.resolvedAt).not.toBeNull();
    h.sandbox.emulator.injectInbound({ from, text: "Una cosa más" });
    const reopened = await stream.waitFor(
      (e) => e.event === "conversation.status_changed" && e.data.data.reason === "inbound_message",
    );
    expect(reopened.data.data).toMatchObject({ from: "resolved", to: "open", by: "system" });
    expect((await h.api("GET", path)).body).toMatchObject({ status: "open", resolvedAt: null });

    const audited = await h.charla.services.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, conversation.id), eq(auditLog.action, "conversation.status_changed")));
    expect(audited.map((entry) => entry.data?.to).sort()).toEqual([
      "open",
      "open",
      "pending",
      "resolved",
      "snoozed",
    ]);
    const catalogue = (await h.api("GET", "/v1/webhook-event-types")).body;
    expect(JSON.stringify(catalogue)).toContain("conversation.status_changed");
    expect(JSON.stringify(catalogue)).toContain("conversation.assigned");
    stream.close();
  });

  it("lets one of two agents take a conversation; the other gets 409 naming who; transfer with a note", async () => {
    const conversation = await conversationFrom(fresh());
    const take = `/v1/conversations/${conversation.id}/take`;
    const [a, b] = await Promise.all([ana.request("POST", take), beto.request("POST", take)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    expect(loser.body.code).toBe("conversation_assigned");
    expect(loser.body.assignee).toEqual({
      id: winner.body.assigneeId,
      name: expect.any(String),
      email: expect.any(String),
    });
    expect(loser.body.detail).toContain(loser.body.assignee.name);

    // Transfer to the other agent, only if the winner still has it, with a note.
    const other = winner.body.assigneeId === ids.ana ? ids.beto : ids.ana;
    const transfer = await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, {
      assigneeId: other,
      expectedAssigneeId: winner.body.assigneeId,
      note: "Lo sigue quien sabe de facturas",
    });
    expect(transfer.status).toBe(200);
    expect(transfer.body.assigneeId).toBe(other);
    const stale = await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, {
      assigneeId: null,
      expectedAssigneeId: winner.body.assigneeId,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.assignee.id).toBe(other);
    const notes = (await h.api("GET", `/v1/conversations/${conversation.id}/notes`)).body.data;
    expect(notes.map((note: { body: string }) => note.body)).toEqual(["Lo sigue quien sabe de facturas"]);
    const unassigned = await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, {
      assigneeId: null,
    });
    expect(unassigned.body.assigneeId).toBeNull();
    const foreignUser = await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, {
      assigneeId: "00000000-0000-4000-8000-000000000000",
    });
    expect(foreignUser.status).toBe(422);
    expect(foreignUser.body.code).toBe("user_not_found");
    expect((await h.api("POST", take)).body.code).toBe("user_required");
  });

  it("routes by rule to the team's online agents with free capacity, round robin; waits outside hours; escalates", async () => {
    const team = await h.api("POST", "/v1/teams", {
      name: "Facturación",
      memberIds: [ids.ana, ids.beto],
      escalateAfterMinutes: 5,
    });
    expect(team.status).toBe(201);
    const rule = await h.api("POST", "/v1/assignment-rules", { teamId: team.body.id, keywords: ["factura"] });
    expect(rule.status).toBe(201);
    await ana.request("PATCH", "/v1/agents/me", { availability: "online", capacity: 5 });
    await beto.request("PATCH", "/v1/agents/me", { availability: "online", capacity: 5 });

    const first = await conversationFrom(fresh(), "Necesito mi FACTURA de marzo");
    const second = await conversationFrom(fresh(), "otra factura por favor");
    const assigned = await eventually(async () => {
      const [x, y] = await Promise.all([
        h.api("GET", `/v1/conversations/${first.id}`),
        h.api("GET", `/v1/conversations/${second.id}`),
      ]);
      return x.body.assigneeId && y.body.assigneeId ? [x.body, y.body] : undefined;
    });
    expect(new Set(assigned.map((c) => c.assigneeId))).toEqual(new Set([ids.ana, ids.beto]));
    expect(assigned.every((c) => c.teamId === team.body.id)).toBe(true);

    // Beto is full: the next goes to Ana. A message without the keyword is not routed.
    await h.api("PATCH", `/v1/agents/${ids.beto}`, { capacity: 1 });
    const third = await conversationFrom(fresh(), "factura 3");
    expect(
      (await eventually(
        async () => (await h.api("GET", `/v1/conversations/${third.id}`)).body.assigneeId,
      )) as string,
    ).toBe(ids.ana);
    const unrouted = await conversationFrom(fresh(), "hola");
    expect(unrouted.teamId).toBeNull();

    // Closed today (a holiday in the team's timezone): it waits in the team's queue, then escalates.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Argentina/Buenos_Aires" }).format(
      new Date(),
    );
    const closed = await h.api("PATCH", `/v1/teams/${team.body.id}`, {
      businessHours: {
        timezone: "America/Argentina/Buenos_Aires",
        weekly: { "1": [["00:00", "24:00"]] },
        holidays: [today],
      },
    });
    expect(closed.status).toBe(200);
    expect(closed.body.businessHours.holidays).toEqual([today]);
    const queued = await conversationFrom(fresh(), "factura fuera de hora");
    const waiting = await eventually(async () => {
      const body = (await h.api("GET", `/v1/conversations/${queued.id}`)).body;
      return body.teamId ? body : undefined;
    });
    expect(waiting.assigneeId).toBeNull();
    const stream = await openStream(`${h.url}/v1/events/stream`, { authorization: `Bearer ${h.apiKey}` });
    await inboxTick(h.charla.services, new Date(Date.now() + 6 * 60_000));
    const escalated = await stream.waitFor(
      (e) => e.event === "conversation.escalated" && e.data.data.conversationId === queued.id,
    );
    expect(escalated.data.data.teamId).toBe(team.body.id);
    const [row] = await h.charla.services.database.db
      .select()
      .from(conversations)
      .where(eq(conversations.id, queued.id));
    expect(row?.escalatedAt).not.toBeNull();
    stream.close();
  });

  it("shows presence: away after idle, online again on activity; the agent list has load and teams", async () => {
    const before = (await h.api("GET", "/v1/agents")).body.data.find(
      (agent: { id: string }) => agent.id === ids.ana,
    );
    expect(before).toMatchObject({ availability: "online", capacity: 5, teamIds: [expect.any(String)] });
    expect(before.openConversations).toBeGreaterThan(0);
    await inboxTick(h.charla.services, new Date(Date.now() + 11 * 60_000));
    const agents = (await h.api("GET", "/v1/agents")).body.data;
    expect(agents.find((agent: { id: string }) => agent.id === ids.ana).availability).toBe("away");
    expect((await ana.request("POST", "/v1/agents/me/heartbeat")).body.availability).toBe("online");
    expect((await h.api("PATCH", "/v1/agents/me", { availability: "online" })).body.code).toBe(
      "user_required",
    );
    expect((await ana.request("PATCH", "/v1/agents/me", { availability: "busy" })).status).toBe(400);
  });
});
