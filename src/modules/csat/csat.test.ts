import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { type PortalClient, signIn } from "../../../test/support/sessions.ts";
import { eventually } from "../../../test/support/wait.ts";
import { createUser } from "../accounts/index.ts";
import { conversations } from "../conversations/schema.ts";
import { csatSurveys } from "./schema.ts";

describeEachDatabase("csat", (kind) => {
  let h: Harness;
  let ana: PortalClient;
  let anaId: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    const email = `ana.csat.${kind}@example.com`;
    const password = "una clave larga de prueba 42";
    anaId = (
      await createUser(
        h.charla.services.database.db,
        { tenantId: h.tenant.id, email, name: "Ana", role: "agent", password },
        { kind: "system" },
      )
    ).id;
    ana = await signIn(h, email, password);
  });
  afterAll(() => h?.close());

  it("asks with reply buttons on resolve, records the answer once, and reports per agent and team", async () => {
    const team = (
      await h.api("POST", "/v1/teams", {
        name: "Postventa",
        csatOnResolve: true,
        csatQuestion: "¿Te ayudamos?",
      })
    ).body;
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    h.sandbox.emulator.injectInbound({ from, text: "Hola" });
    const conversation = await eventually(async () =>
      (await h.api("GET", "/v1/conversations?limit=200")).body.data.find(
        (c: { contact: { phone: string } }) => c.contact.phone === `+${from}`,
      ),
    );
    await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, {
      teamId: team.id,
      assigneeId: anaId,
    });
    expect(
      (await ana.request("PATCH", `/v1/conversations/${conversation.id}`, { status: "resolved" })).body
        .status,
    ).toBe("resolved");

    const question = await eventually(async () => {
      const thread = (await h.api("GET", `/v1/messages?conversationId=${conversation.id}`)).body.data;
      return thread.find(
        (m: { type: string; direction: string }) => m.type === "interactive" && m.direction === "outbound",
      );
    });
    expect(question.content.interactive.body.text).toBe("¿Te ayudamos?");
    const buttons = question.content.interactive.action.buttons as { reply: { id: string; title: string } }[];
    expect(buttons).toHaveLength(3);
    const good = buttons[0]!.reply;
    expect(good.id).toMatch(/^csat:[0-9a-f-]{36}:3$/);

    // The customer taps a button (twice: only the first counts); answering does not reopen the conversation.
    await eventually(async () => (await h.api("GET", `/v1/messages/${question.id}`)).body.wamid);
    h.sandbox.emulator.injectInbound({ from, buttonReply: good });
    const results = await eventually(async () => {
      const body = (await h.api("GET", "/v1/csat/results")).body;
      return body.agents.find(
        (row: { id: string; answered: number }) => row.id === anaId && row.answered === 1,
      )
        ? body
        : undefined;
    });
    h.sandbox.emulator.injectInbound({
      from,
      buttonReply: { id: good.id.replace(/3$/, "1"), title: "🙁 Mal" },
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const again = (await h.api("GET", "/v1/csat/results")).body;
    expect(again.agents).toEqual(results.agents);
    expect((await h.api("GET", `/v1/conversations/${conversation.id}`)).body.status).toBe("resolved");
    expect(results.agents.find((row: { id: string }) => row.id === anaId)).toMatchObject({
      sent: 1,
      answered: 1,
      averageScore: 3,
      satisfiedShare: 1,
    });
    expect(results.teams.find((row: { id: string }) => row.id === team.id)).toMatchObject({
      sent: 1,
      answered: 1,
      averageScore: 3,
    });
  });

  /** An approved template at Meta (the emulator) that Charla imports: good, fair, bad as quick replies. */
  async function seedSurveyTemplate(name: string) {
    const { state } = h.sandbox.emulator;
    const wabaId = state.phones.get(h.number.phoneNumberId)!.wabaId;
    state.templates.set(`tpl-${name}`, {
      id: `tpl-${name}`,
      wabaId,
      createdAt: Date.now(),
      name,
      language: "es",
      category: "UTILITY",
      status: "APPROVED",
      components: [
        { type: "BODY", text: "¿Cómo te atendimos?" },
        {
          type: "BUTTONS",
          buttons: [
            { type: "QUICK_REPLY", text: "Muy bien" },
            { type: "QUICK_REPLY", text: "Regular" },
            { type: "QUICK_REPLY", text: "Mal" },
          ],
        },
      ],
    } as never);
    const synced = await h.api("POST", "/v1/templates/sync", {});
    expect(synced.status, JSON.stringify(synced.body)).toBe(200);
    await eventually(async () =>
      (await h.api("GET", `/v1/templates?name=${name}`)).body.data.find(
        (t: { status: string }) => t.status === "approved",
      ),
    );
  }

  it("asks with the tenant's template once the window has closed, and the payload answers it", async () => {
    await seedSurveyTemplate("csat_rating");
    expect((await h.api("GET", "/v1/csat/settings")).body).toEqual({ template: null });
    const missing = await h.api("PUT", "/v1/csat/settings", { template: { name: "nope", language: "es" } });
    expect([missing.status, missing.body.code]).toEqual([422, "csat_template_not_approved"]);
    const unusable = await h.api("PUT", "/v1/csat/settings", {
      template: { name: "order_update", language: "en_US" },
    });
    expect([unusable.status, unusable.body.code]).toEqual([422, "csat_template_unusable"]);
    // Another tenant cannot choose this tenant's template.
    const other = await makeTenant(h);
    const foreign = await h.api(
      "PUT",
      "/v1/csat/settings",
      { template: { name: "csat_rating", language: "es" } },
      other.apiKey,
    );
    expect(foreign.body.code).toBe("csat_template_not_approved");
    const saved = await h.api("PUT", "/v1/csat/settings", {
      template: { name: "csat_rating", language: "es" },
    });
    expect(saved.body).toEqual({ template: { name: "csat_rating", language: "es" } });

    const team = (await h.api("POST", "/v1/teams", { name: "Reclamos", csatOnResolve: true })).body;
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    await h.api("POST", "/v1/contacts", { phone: `+${from}`, optIn: { source: "checkout form" } });
    h.sandbox.emulator.injectInbound({ from, text: "Hola" });
    const conversation = await eventually(async () =>
      (await h.api("GET", "/v1/conversations?limit=200")).body.data.find(
        (c: { contact: { phone: string } }) => c.contact.phone === `+${from}`,
      ),
    );
    await h.api("POST", `/v1/conversations/${conversation.id}/assignment`, {
      teamId: team.id,
      assigneeId: anaId,
    });
    // The customer last wrote two days ago: free-form is closed, a template is the only way to ask.
    const { db } = h.charla.services.database;
    await db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - 48 * 3_600_000) })
      .where(eq(conversations.id, conversation.id));
    expect((await h.api("GET", `/v1/conversations/${conversation.id}`)).body.windowOpen).toBe(false);
    await ana.request("PATCH", `/v1/conversations/${conversation.id}`, { status: "resolved" });

    const question = await eventually(async () =>
      (await h.api("GET", `/v1/messages?conversationId=${conversation.id}`)).body.data.find(
        (m: { type: string; direction: string; wamid: string | null }) =>
          m.type === "template" && m.direction === "outbound" && m.wamid,
      ),
    );
    const atMeta = h.sandbox.emulator.state.messages.get(question.wamid);
    const buttons = (
      atMeta!.body.template as { components: { sub_type?: string; parameters: { payload: string }[] }[] }
    ).components.filter((component) => component.sub_type === "quick_reply");
    const payloads = buttons.map((button) => button.parameters[0]!.payload);
    expect(payloads).toHaveLength(3);
    expect(payloads[0]).toMatch(/^csat:[0-9a-f-]{36}:3$/);
    expect(payloads[2]).toMatch(/:1$/);

    h.sandbox.emulator.injectInbound({ from, button: { payload: payloads[1]!, text: "Regular" } });
    const [survey] = await eventually(async () => {
      const rows = await db.select().from(csatSurveys).where(eq(csatSurveys.conversationId, conversation.id));
      return rows[0]?.status === "answered" ? rows : undefined;
    });
    expect(survey).toMatchObject({ status: "answered", score: 2, assigneeId: anaId, teamId: team.id });

    // Without a template configured, a survey outside the window is skipped and says why.
    await h.api("PUT", "/v1/csat/settings", { template: null });
    await ana.request("PATCH", `/v1/conversations/${conversation.id}`, { status: "open" });
    await db
      .update(conversations)
      .set({ lastInboundAt: new Date(Date.now() - 48 * 3_600_000) })
      .where(eq(conversations.id, conversation.id));
    await ana.request("PATCH", `/v1/conversations/${conversation.id}`, { status: "resolved" });
    const skipped = await eventually(async () => {
      const rows = await db.select().from(csatSurveys).where(eq(csatSurveys.conversationId, conversation.id));
      return rows.find((row) => row.status === "skipped");
    });
    expect(skipped.skippedReason).toBe("window_closed");
  });
});
