import { randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { type PortalClient, signIn } from "../../../test/support/sessions.ts";
import { eventually } from "../../../test/support/wait.ts";
import { createUser } from "../accounts/index.ts";

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
});
