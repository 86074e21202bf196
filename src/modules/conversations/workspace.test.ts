import { randomInt } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { type PortalClient, signIn } from "../../../test/support/sessions.ts";
import { openStream } from "../../../test/support/sse.ts";
import { eventually } from "../../../test/support/wait.ts";
import { conversations } from "../../db/schema.ts";
import { createUser } from "../accounts/index.ts";
import { withinBusinessHours } from "./business-hours.ts";
import { fillVariables } from "./canned.ts";
import { inboxTick } from "./jobs.ts";
import { mentionedIn } from "./notes.ts";

const fresh = () => `54911${randomInt(10_000_000, 99_999_999)}`;
const PASSWORD = "una clave larga de prueba 42";

describe("inbox helpers", () => {
  it("reads business hours in the team's timezone, with holidays", () => {
    const hours = {
      timezone: "America/Sao_Paulo",
      weekly: { "1": [["09:00", "18:00"]] as [string, string][] },
      holidays: ["2026-12-07"],
    };
    expect(withinBusinessHours(hours, new Date("2026-11-30T12:00:00Z"))).toBe(true); // Monday 09:00 in São Paulo
    expect(withinBusinessHours(hours, new Date("2026-11-30T11:59:00Z"))).toBe(false); // 08:59
    expect(withinBusinessHours(hours, new Date("2026-11-30T21:00:00Z"))).toBe(false); // 18:00
    expect(withinBusinessHours(hours, new Date("2026-12-01T13:00:00Z"))).toBe(false); // Tuesday
    expect(withinBusinessHours(hours, new Date("2026-12-07T13:00:00Z"))).toBe(false); // a Monday holiday
    expect(withinBusinessHours(null, new Date())).toBe(true);
  });

  it("finds @mentions by email or its local part, and fills canned reply variables", () => {
    const users = [
      { id: "a", email: "ana.perez@example.com" },
      { id: "b", email: "beto@example.com" },
    ];
    expect(mentionedIn("@ana.perez mirá esto, y @beto@example.com también", users)).toEqual(["a", "b"]);
    expect(mentionedIn("ana.perez sin arroba", users)).toEqual([]);
    expect(
      fillVariables(
        "Hola {{contact.name}}, soy {{ agent.name }}. Plan: {{contact.attributes.plan}}{{nada}}",
        {
          contact: { name: "Lucía", attributes: { plan: "oro" } },
          agent: { name: "Ana" },
        },
      ),
    ).toBe("Hola Lucía, soy Ana. Plan: oro");
  });
});

describeEachDatabase("inbox: workspace", (kind) => {
  let h: Harness;
  let ana: PortalClient;
  let beto: PortalClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await startHarness(kind);
    const { db } = h.charla.services.database;
    for (const name of ["ana", "beto"]) {
      const email = `${name}.${kind}.ws@example.com`;
      ids[name] = (
        await createUser(
          db,
          { tenantId: h.tenant.id, email, name, role: "agent", password: PASSWORD },
          { kind: "system" },
        )
      ).id;
    }
    ana = await signIn(h, `ana.${kind}.ws@example.com`, PASSWORD);
    beto = await signIn(h, `beto.${kind}.ws@example.com`, PASSWORD);
  });
  afterAll(() => h?.close());

  const conversationFrom = async (from: string, text: string) => {
    h.sandbox.emulator.injectInbound({ from, text });
    return eventually(async () => {
      const list = (await h.api("GET", "/v1/conversations?limit=200")).body.data;
      return list.find((c: { contact: { phone: string } }) => c.contact.phone === `+${from}`);
    });
  };
  const idsOf = (answer: { body: { data: { id: string }[] } }) => answer.body.data.map((c) => c.id).sort();

  it("lists with filters (mine, unassigned, team, status, label, number) and searches the messages", async () => {
    const tornillos = await conversationFrom(fresh(), "¿Tienen tornillos de acero inoxidable?");
    const tuercas = await conversationFrom(fresh(), "Busco tuercas, no tornillos");
    const otra = await conversationFrom(fresh(), "Consulta de envío");
    const team = (await h.api("POST", "/v1/teams", { name: "Ventas", memberIds: [ids.ana!] })).body;
    await ana.request("POST", `/v1/conversations/${tornillos.id}/take`);
    await h.api("POST", `/v1/conversations/${tuercas.id}/assignment`, { teamId: team.id });
    await h.api("PATCH", `/v1/conversations/${tuercas.id}`, {
      labels: ["mayorista", "urgente", "urgente"],
      status: "pending",
    });

    expect(idsOf(await ana.request("GET", "/v1/conversations?assignee=me"))).toEqual([tornillos.id]);
    expect(idsOf(await beto.request("GET", "/v1/conversations?assignee=me"))).toEqual([]);
    expect((await h.api("GET", "/v1/conversations?assignee=me")).body.code).toBe("user_required");
    const unassigned = idsOf(await h.api("GET", "/v1/conversations?assignee=none&limit=200"));
    expect(unassigned).toContain(otra.id);
    expect(unassigned).not.toContain(tornillos.id);
    expect(idsOf(await h.api("GET", `/v1/conversations?teamId=${team.id}`))).toEqual([tuercas.id]);
    expect(idsOf(await h.api("GET", "/v1/conversations?label=mayorista"))).toEqual([tuercas.id]);
    expect((await h.api("GET", `/v1/conversations/${tuercas.id}`)).body.labels).toEqual([
      "mayorista",
      "urgente",
    ]);
    expect(idsOf(await h.api("GET", "/v1/conversations?status=pending"))).toEqual([tuercas.id]);
    expect(
      idsOf(await h.api("GET", `/v1/conversations?phoneNumberId=${h.number.id}&limit=200`)),
    ).toHaveLength(3);

    expect(idsOf(await h.api("GET", "/v1/conversations?q=tornillos"))).toEqual(
      [tornillos.id, tuercas.id].sort(),
    );
    expect(
      idsOf(await h.api("GET", `/v1/conversations?q=${encodeURIComponent("tornillos -tuercas")}`)),
    ).toEqual([tornillos.id]);
    expect(
      idsOf(await h.api("GET", `/v1/conversations?q=${encodeURIComponent('"acero inoxidable"')}`)),
    ).toEqual([tornillos.id]);
    expect(idsOf(await h.api("GET", "/v1/conversations?q=martillo"))).toEqual([]);
    // What the business wrote is found too.
    const reply = await h.api("POST", "/v1/messages", {
      to: otra.contact.phone,
      type: "text",
      text: { body: "Le enviamos el destornillador mañana" },
    });
    expect(reply.status).toBe(202);
    expect(idsOf(await h.api("GET", "/v1/conversations?q=destornillador"))).toEqual([otra.id]);
    const other = await makeTenant(h);
    expect((await h.api("GET", "/v1/conversations?q=tornillos", undefined, other.apiKey)).body.data).toEqual(
      [],
    );
    expect((await h.api("GET", "/v1/conversations?status=closed")).status).toBe(400);
  });

  it("notifies only the mentioned agent of a private note, live", async () => {
    const conversation = await conversationFrom(fresh(), "Hola");
    const cookie = (client: PortalClient) => ({ cookie: `charla_session=${client.cookie}` });
    const anaStream = await openStream(`${h.url}/v1/events/stream`, cookie(ana));
    const betoStream = await openStream(`${h.url}/v1/events/stream`, cookie(beto));
    const note = await ana.request("POST", `/v1/conversations/${conversation.id}/notes`, {
      body: `@beto.${kind}.ws ¿lo podés ver?`,
    });
    expect(note.status).toBe(201);
    expect(note.body.mentions).toEqual([ids.beto]);
    const mention = await betoStream.waitFor((e) => e.event === "agent.mentioned");
    expect(mention.data.data).toMatchObject({
      userId: ids.beto,
      conversationId: conversation.id,
      by: `user:${ids.ana}`,
    });
    await anaStream.waitFor(
      (e) => e.event === "conversation.note_added" && e.data.data.noteId === note.body.id,
    );
    expect(anaStream.events.some((e) => e.event === "agent.mentioned")).toBe(false);
    const bad = await ana.request("POST", `/v1/conversations/${conversation.id}/notes`, {
      body: "x",
      mentions: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(bad.body.code).toBe("user_not_found");
    anaStream.close();
    betoStream.close();
  });

  it("fills canned replies, shows the contact panel and the composer, and reads and types at Meta", async () => {
    const from = fresh();
    const conversation = await conversationFrom(from, "Hola, soy Lucía");
    const created = await ana.request("POST", "/v1/canned-replies", {
      shortcut: "saludo",
      body: "Hola {{contact.phone}}, soy {{agent.name}}",
    });
    expect(created.status).toBe(201);
    expect(
      (await ana.request("POST", "/v1/canned-replies", { shortcut: "SALUDO", body: "x" })).body.code,
    ).toBe("canned_reply_exists");
    expect((await ana.request("GET", "/v1/canned-replies?prefix=sal")).body.data).toHaveLength(1);
    const filled = await ana.request("GET", `/v1/conversations/${conversation.id}/canned-replies/saludo`);
    expect(filled.body.text).toBe(`Hola +${from}, soy ana`);

    const panel = (await h.api("GET", `/v1/conversations/${conversation.id}/contact-panel`)).body;
    expect(panel.contact).toMatchObject({ phone: `+${from}`, tags: [], attributes: {} });
    expect(panel.conversations).toEqual([]);

    expect((await h.api("GET", `/v1/conversations/${conversation.id}/composer`)).body).toMatchObject({
      windowOpen: true,
    });

    // Typing shows at the emulator; marking read tells Meta (a job that must succeed).
    expect((await ana.request("POST", `/v1/conversations/${conversation.id}/typing`)).status).toBe(204);
    const typing = (await (await fetch(`${h.sandbox.emulator.url}/_emulator/typing`)).json()) as {
      data: { waId: string }[];
    };
    expect(typing.data.map((entry) => entry.waId)).toContain(from);
    await h.api("PATCH", `/v1/conversations/${conversation.id}`, { read: true });
    await eventually(async () => {
      const result = await h.charla.services.database.db.execute(
        sql`select state from pgboss.job where name = 'conversations-mark-read' and state = 'completed'`,
      );
      return (result as unknown as { rows: unknown[] }).rows.length > 0;
    });

    // After typing (a reply ends Meta's indicator): answer the customer's message as a reply (context) and react to it: both land in the thread.
    const wamid = (await h.api("GET", `/v1/conversations/${conversation.id}`)).body.lastInboundWamid;
    expect(wamid).toMatch(/^wamid\./);
    const answer = await ana.request("POST", "/v1/messages", {
      to: `+${from}`,
      type: "text",
      text: { body: "¡Hola Lucía!" },
      replyTo: wamid,
    });
    expect(answer.status).toBe(202);
    const reaction = await ana.request("POST", "/v1/messages", {
      to: `+${from}`,
      type: "reaction",
      reaction: { message_id: wamid, emoji: "👍" },
    });
    expect(reaction.status).toBe(202);
    const thread = (await h.api("GET", `/v1/messages?conversationId=${conversation.id}`)).body.data;
    expect(thread.find((m: { id: string }) => m.id === answer.body.id).replyToWamid).toBe(wamid);
    expect(thread.map((m: { type: string }) => m.type)).toContain("reaction");

    // The window closes: the composer says when, and offers approved templates.
    const { db } = h.charla.services.database;
    const closedAt = new Date(Date.now() - 3_600_000);
    await db
      .update(conversations)
      .set({ lastInboundAt: new Date(closedAt.getTime() - 24 * 3_600_000) })
      .where(eq(conversations.id, conversation.id));
    const composer = (await h.api("GET", `/v1/conversations/${conversation.id}/composer`)).body;
    expect(composer.windowOpen).toBe(false);
    expect(new Date(composer.windowClosedAt).getTime()).toBeCloseTo(closedAt.getTime(), -4);
    expect(Array.isArray(composer.templates)).toBe(true);
    const typingClosed = await ana.request("POST", `/v1/conversations/${conversation.id}/typing`);
    expect(typingClosed.body.code).toBe("window_closed");
  });

  it("warns before the team's first-response SLA is breached, then on the breach, once each", async () => {
    const team = (
      await h.api("POST", "/v1/teams", { name: "Soporte", firstResponseMinutes: 10, warnAtPercent: 50 })
    ).body;
    const conversation = await conversationFrom(fresh(), "Se cayó todo");
    await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, { teamId: team.id });
    const stream = await openStream(`${h.url}/v1/events/stream`, { authorization: `Bearer ${h.apiKey}` });
    const slaEvents = () =>
      stream.events.filter(
        (e) => e.event === "conversation.sla_warning" && e.data.data.conversationId === conversation.id,
      );
    await inboxTick(h.charla.services, new Date(Date.now() + 6 * 60_000));
    await stream.waitFor(
      (e) => e.event === "conversation.sla_warning" && e.data.data.conversationId === conversation.id,
    );
    await inboxTick(h.charla.services, new Date(Date.now() + 7 * 60_000));
    await inboxTick(h.charla.services, new Date(Date.now() + 11 * 60_000));
    await stream.waitFor((e) => e.event === "conversation.sla_warning" && e.data.data.breached === true);
    await inboxTick(h.charla.services, new Date(Date.now() + 12 * 60_000));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(slaEvents().map((e) => [e.data.data.sla, e.data.data.breached])).toEqual([
      ["first_response", false],
      ["first_response", true],
    ]);
    // Answering stops the clock.
    const reply = await h.api("POST", "/v1/messages", {
      to: conversation.contact.phone,
      type: "text",
      text: { body: "Ya lo vemos" },
    });
    expect(reply.status).toBe(202);
    const answered = (await h.api("GET", `/v1/conversations/${conversation.id}`)).body;
    expect(answered.waitingSince).toBeNull();
    expect(answered.firstResponseAt).not.toBeNull();
    stream.close();
  });

  it("uploads an agent's file to Meta for the conversation and sends it by id", async () => {
    const conversation = await conversationFrom(fresh(), "¿Me mandan la factura?");
    const upload = (id: string, type: string, body: Buffer, key?: string) =>
      fetch(`${h.url}/v1/conversations/${id}/media?filename=factura.pdf`, {
        method: "POST",
        headers: { authorization: `Bearer ${key ?? h.apiKey}`, "content-type": type },
        body: new Uint8Array(body),
      });
    const pdf = Buffer.from("%PDF-1.4\n% factura\n%%EOF\n");
    const uploaded = await upload(conversation.id, "application/pdf", pdf);
    expect(uploaded.status).toBe(201);
    const media = (await uploaded.json()) as { mediaId: string; type: string; filename: string };
    expect(media).toMatchObject({ type: "document", filename: "factura.pdf" });
    const sent = await h.api("POST", "/v1/messages", {
      to: conversation.contact.phone,
      type: "document",
      document: { id: media.mediaId, filename: "factura.pdf" },
    });
    expect(sent.status).toBe(202);
    const atMeta = await eventually(async () => {
      const wamid = (await h.api("GET", `/v1/messages/${sent.body.id}`)).body.wamid;
      return wamid ? h.sandbox.emulator.state.messages.get(wamid) : undefined;
    });
    expect(atMeta.body.document).toMatchObject({ id: media.mediaId });

    const wrongType = await upload(conversation.id, "application/zip", pdf);
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { code: string }).code).toBeTruthy();
    const empty = await upload(conversation.id, "image/png", Buffer.alloc(0));
    expect(((await empty.json()) as { code: string }).code).toBe("media_empty");
    const tooBig = await upload(conversation.id, "image/png", Buffer.alloc(6 << 20, 1));
    expect(((await tooBig.json()) as { code: string }).code).toBe("media_too_large");
    const other = await makeTenant(h);
    expect((await upload(conversation.id, "application/pdf", pdf, other.apiKey)).status).toBe(404);
  });
});
