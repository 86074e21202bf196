import { randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { startCharla } from "../../runtime.ts";
import { handleInbound } from "./runtime.ts";

type Message = {
  id: string;
  direction: string;
  type: string;
  // biome-ignore lint/suspicious/noExplicitAny: message contents are asserted field by field
  content: Record<string, any>;
  contactId: string;
};

/** A menu: three choices; sales collects a name and an e-mail and hands over to a team with a note. */
const menuFlow = (teamId: string) => ({
  start: "menu",
  nodes: [
    {
      id: "menu",
      type: "ask",
      input: "choice",
      prompt: "¡Hola! ¿En qué te ayudamos?",
      attribute: "topic",
      choices: [
        { id: "sales", title: "Ventas", keywords: ["comprar", "precio"] },
        { id: "support", title: "Soporte" },
        { id: "hours", title: "Horario" },
      ],
    },
    { id: "name", type: "ask", input: "text", prompt: "¿Cómo te llamas?", attribute: "name" },
    {
      id: "email",
      type: "ask",
      input: "email",
      prompt: "Gracias {{name}}, ¿tu e-mail?",
      attribute: "email",
      retries: 1,
      retryPrompt: "Ese e-mail no parece válido.",
    },
    {
      id: "to_sales",
      type: "handover",
      teamId,
      note: "Lead de ventas: {{name}}",
      message: "Te paso con ventas 🙌",
    },
    { id: "hours_info", type: "send", message: { kind: "text", text: "Abrimos de 9 a 18." } },
    // A canvas position (the portal's editor) rides along; the runtime never reads it.
    { id: "bye", type: "end", message: "¡Hasta pronto!", position: { x: 240, y: 510 } },
    { id: "to_support", type: "handover", note: "Soporte" },
  ],
  edges: [
    { from: "menu", to: "name", when: "sales" },
    { from: "menu", to: "to_support", when: "support" },
    { from: "menu", to: "hours_info", when: "hours" },
    { from: "name", to: "email" },
    { from: "email", to: "to_sales" },
    { from: "hours_info", to: "bye" },
  ],
});

describeEachDatabase("bots", (kind) => {
  let h: Harness;
  let teamId: string;
  let flowId: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    teamId = (await h.api("POST", "/v1/teams", { name: "Ventas" })).body.id;
  });
  afterAll(() => h?.close());

  const emulator = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${h.sandbox.emulator.url}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    // biome-ignore lint/suspicious/noExplicitAny: emulator answers are asserted field by field
    return response.json() as Promise<any>;
  };
  const say = (from: string, input: Record<string, unknown>) =>
    emulator("POST", "/_emulator/inbound", { from, to: h.number.phoneNumberId, ...input });
  const conversationOf = (from: string) =>
    eventually(async () =>
      (await h.api("GET", "/v1/conversations?limit=200")).body.data.find(
        (c: { contact: { phone: string } }) => c.contact.phone === `+${from}`,
      ),
    );
  const thread = async (conversationId: string): Promise<Message[]> =>
    (
      (await h.api("GET", `/v1/messages?conversationId=${conversationId}&limit=100`)).body.data as Message[]
    ).reverse();
  const botSaid = (conversationId: string, count: number) =>
    eventually(
      async () => {
        const outbound = (await thread(conversationId)).filter((m) => m.direction === "outbound");
        return outbound.length >= count ? outbound : undefined;
      },
      { what: `${count} bot messages` },
    );
  const bodyOf = (message: Message) =>
    (message.content.text?.body ?? message.content.interactive?.body?.text) as string;

  it("refuses to publish a graph with problems, and names each one", async () => {
    const created = await h.api("POST", "/v1/bots/flows", {
      name: "Roto",
      definition: {
        start: "a",
        nodes: [
          { id: "a", type: "send", message: { kind: "text", text: "hola" } },
          { id: "b", type: "ask", input: "text", prompt: "¿?", attribute: "x" },
          { id: "c", type: "condition", rules: [{ kind: "attribute", attribute: "x", op: "exists" }] },
        ],
        edges: [
          { from: "a", to: "ghost" },
          { from: "b", to: "c" },
          { from: "c", to: "a", when: "true" },
        ],
      },
    });
    expect(created.status).toBe(201);
    const refused = await h.api("POST", `/v1/bots/flows/${created.body.id}/publish`);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("bot_flow_invalid");
    const codes = refused.body.problems.map((p: { code: string; nodeId: string }) => `${p.code}:${p.nodeId}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "missing_target:a",
        "unreachable_node:b",
        "unreachable_node:c",
        "missing_branch:c",
      ]),
    );
    // A node with no way on at all is a dead end.
    await h.api("PATCH", `/v1/bots/flows/${created.body.id}`, {
      definition: {
        start: "a",
        nodes: [{ id: "a", type: "send", message: { kind: "text", text: "x" } }],
        edges: [],
      },
    });
    const problems = (await h.api("GET", `/v1/bots/flows/${created.body.id}/problems`)).body.problems;
    expect(problems).toEqual([expect.objectContaining({ code: "dead_end", nodeId: "a" })]);
    // A malformed definition is a 400 at the door.
    const bad = await h.api("PATCH", `/v1/bots/flows/${created.body.id}`, {
      definition: { start: "a", nodes: [{ id: "a", type: "teleport" }], edges: [] },
    });
    expect(bad.status).toBe(400);
  });

  it("takes a sandbox customer through the menu to a handover with a note; the inbox shows the transcript", async () => {
    const created = await h.api("POST", "/v1/bots/flows", {
      name: "Menú",
      phoneNumberId: h.number.id,
      isDefault: true,
      definition: menuFlow(teamId),
    });
    flowId = created.body.id;
    expect((await h.api("POST", `/v1/bots/flows/${flowId}/publish`)).body.version).toBe(1);

    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    await say(from, { text: "Hola" });
    const conversation = await conversationOf(from);
    const [menu] = await botSaid(conversation.id, 1);
    expect(menu!.type).toBe("interactive");
    const buttons = menu!.content.interactive.action.buttons.map(
      (b: { reply: { id: string } }) => b.reply.id,
    );
    expect(buttons).toEqual(["sales", "support", "hours"]);

    await say(from, { buttonReply: { id: "sales", title: "Ventas" } });
    expect(bodyOf((await botSaid(conversation.id, 2))[1]!)).toBe("¿Cómo te llamas?");
    await say(from, { text: "Ana" });
    expect(bodyOf((await botSaid(conversation.id, 3))[2]!)).toBe("Gracias Ana, ¿tu e-mail?");
    await say(from, { text: "ana arroba example" });
    const retried = await botSaid(conversation.id, 5);
    expect(retried.slice(3).map(bodyOf)).toEqual([
      "Ese e-mail no parece válido.",
      "Gracias Ana, ¿tu e-mail?",
    ]);
    await say(from, { text: "Ana@Example.com" });
    const all = await botSaid(conversation.id, 6);
    expect(bodyOf(all[5]!)).toBe("Te paso con ventas 🙌");

    const handed = await eventually(async () => {
      const c = (await h.api("GET", `/v1/conversations/${conversation.id}`)).body;
      return c.teamId === teamId ? c : undefined;
    });
    expect(handed.teamId).toBe(teamId);
    const notes = (await h.api("GET", `/v1/conversations/${conversation.id}/notes`)).body.data;
    const note = notes.map((n: { body: string }) => n.body).join("\n");
    expect(note).toContain("Lead de ventas: Ana");
    expect(note).toContain("ana@example.com");
    const contact = (await h.api("GET", `/v1/contacts/${menu!.contactId}`)).body;
    expect(contact.attributes).toMatchObject({ topic: "sales", name: "Ana", email: "ana@example.com" });

    // After the handover the bot stays quiet.
    await say(from, { text: "¿hola?" });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await thread(conversation.id)).filter((m) => m.direction === "outbound")).toHaveLength(6);

    const analytics = (await h.api("GET", `/v1/bots/flows/${flowId}/analytics`)).body;
    expect(analytics).toMatchObject({ sessions: 1, handovers: 1, completions: 0 });
    const entered = Object.fromEntries(
      analytics.nodes.map((n: { nodeId: string; entered: number }) => [n.nodeId, n.entered]),
    );
    expect(entered).toEqual({ menu: 1, name: 1, email: 1, to_sales: 1 });
  });

  it("never advances a flow twice for one inbound message (webhook redelivered, job run twice at once)", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    await say(from, { text: "hola" });
    const conversation = await conversationOf(from);
    await botSaid(conversation.id, 1);
    await say(from, { text: "3" });
    await botSaid(conversation.id, 3); // hours: "Abrimos de 9 a 18." and "¡Hasta pronto!"
    // Meta sends the same webhook again: the message is known, the bot does not answer again.
    const deliveries = (await emulator("GET", "/_emulator/webhooks")).data as {
      id: number;
      payload: unknown;
    }[];
    const first = deliveries.find((d) => JSON.stringify(d.payload).includes(`"from":"${from}"`));
    await emulator("POST", `/_emulator/webhooks/${first!.id}/redeliver`, {});
    // The job retried (twice, concurrently) for an answer already consumed changes nothing.
    const inbound = (await thread(conversation.id)).filter((m) => m.direction === "inbound");
    const job = {
      tenantId: h.tenant.id,
      messageId: inbound.at(-1)!.id,
      conversationId: conversation.id,
      contactId: inbound[0]!.contactId,
      phoneNumberId: h.number.id,
      text: "3",
    };
    await Promise.all([handleInbound(h.charla.services, job), handleInbound(h.charla.services, job)]);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const outbound = (await thread(conversation.id)).filter((m) => m.direction === "outbound");
    expect(outbound.map(bodyOf)).toEqual([
      "¡Hola! ¿En qué te ayudamos?",
      "Abrimos de 9 a 18.",
      "¡Hasta pronto!",
    ]);
    const analytics = (await h.api("GET", `/v1/bots/flows/${flowId}/analytics`)).body;
    expect(analytics).toMatchObject({ sessions: 2, completions: 1, handovers: 1 });
  });

  it("keeps published versions, rolls back, and refuses another tenant's flow ids", async () => {
    const changed = menuFlow(teamId);
    // The editor's canvas positions are saved with the draft and kept by its versions.
    const position = { x: 312.5, y: -40 };
    const withNode = (node: object) => ({ ...changed, nodes: [node, ...changed.nodes.slice(1)] });
    const far = await h.api("PATCH", `/v1/bots/flows/${flowId}`, {
      definition: withNode({ ...changed.nodes[0]!, position: { x: 1e6, y: 0 } }),
    });
    expect([far.status, far.body.code, far.body.errors[0].path]).toEqual([
      400,
      "validation_failed",
      "body.definition.nodes.0.position.x",
    ]);
    await h.api("PATCH", `/v1/bots/flows/${flowId}`, {
      definition: withNode({ ...changed.nodes[0]!, prompt: "Menú nuevo", position }),
    });
    expect((await h.api("GET", `/v1/bots/flows/${flowId}`)).body.draft.nodes[0].position).toEqual(position);
    expect((await h.api("POST", `/v1/bots/flows/${flowId}/publish`)).body.version).toBe(2);
    const versions = (await h.api("GET", `/v1/bots/flows/${flowId}/versions`)).body.data;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[0].definition.nodes[0].position).toEqual(position);
    expect(versions[1].definition.nodes[0].prompt).toBe("¡Hola! ¿En qué te ayudamos?");
    const back = (await h.api("POST", `/v1/bots/flows/${flowId}/rollback`, { version: 2 })).body;
    expect(back.draft.nodes[0]).toMatchObject({ prompt: "Menú nuevo", position });
    const rolled = (await h.api("POST", `/v1/bots/flows/${flowId}/rollback`, { version: 1 })).body;
    expect(rolled.publishedVersion).toBe(1);
    expect(rolled.draft.nodes[0].prompt).toBe("¡Hola! ¿En qué te ayudamos?");
    expect(rolled.draft.nodes[0].position).toBeUndefined();
    expect((await h.api("POST", `/v1/bots/flows/${flowId}/rollback`, { version: 9 })).status).toBe(404);

    const other = await makeTenant(h);
    for (const [method, path, body] of [
      ["GET", `/v1/bots/flows/${flowId}`],
      ["PATCH", `/v1/bots/flows/${flowId}`, { name: "x" }],
      ["POST", `/v1/bots/flows/${flowId}/publish`],
      ["GET", `/v1/bots/flows/${flowId}/versions`],
      ["POST", `/v1/bots/flows/${flowId}/rollback`, { version: 1 }],
      ["POST", `/v1/bots/flows/${flowId}/simulate`, { messages: [{ text: "hola" }] }],
      ["GET", `/v1/bots/flows/${flowId}/analytics`],
    ] as const) {
      const response = await h.api(method, path, body, other.apiKey);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.code).toBe("bot_flow_not_found");
    }
    expect((await h.api("GET", "/v1/bots/flows", undefined, other.apiKey)).body.data).toEqual([]);
  });

  it("simulates the draft without WhatsApp: replies per message and the final state", async () => {
    const result = await h.api("POST", `/v1/bots/flows/${flowId}/simulate`, {
      messages: [
        { text: "hola" },
        { text: "quiero comprar" },
        { text: "Bruno" },
        { text: "bruno@example.com" },
      ],
    });
    expect(result.status).toBe(200);
    const replies = result.body.turns.map((turn: { replies: { kind: string; text: string }[] }) =>
      turn.replies.map((reply) => reply.text),
    );
    expect(replies).toEqual([
      ["¡Hola! ¿En qué te ayudamos?"],
      ["¿Cómo te llamas?"],
      ["Gracias Bruno, ¿tu e-mail?"],
      ["Te paso con ventas 🙌"],
    ]);
    expect(result.body.state).toMatchObject({ status: "handed_over", nodeId: "to_sales" });
    expect(result.body.handover).toMatchObject({ teamId });
    // The simulator leaves no trace in the flow's analytics.
    expect((await h.api("GET", `/v1/bots/flows/${flowId}/analytics`)).body.sessions).toBe(2);
  });

  it("refuses to let an http step call a private host outside the sandbox (error branch)", async () => {
    const created = await h.api("POST", "/v1/bots/flows", {
      name: "SSRF",
      definition: {
        start: "call",
        nodes: [
          { id: "call", type: "http", method: "GET", url: "http://169.254.169.254/latest/meta-data" },
          { id: "ok", type: "end", message: "leaked" },
          { id: "refused", type: "end", message: "refused" },
        ],
        edges: [
          { from: "call", to: "ok", when: "ok" },
          { from: "call", to: "refused", when: "error" },
        ],
      },
    });
    const result = await h.api("POST", `/v1/bots/flows/${created.body.id}/simulate`, {
      messages: [{ text: "x" }],
    });
    expect(result.body.turns[0].replies).toEqual([{ kind: "text", text: "refused" }]);
  });

  // Last: it replaces the harness's server with a new process on the same database.
  it("keeps a conversation's place in its flow across a restart", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    await say(from, { text: "hola" });
    const conversation = await conversationOf(from);
    await botSaid(conversation.id, 1);
    await h.charla.close();
    const again = await startCharla({
      config: h.charla.services.config,
      api: true,
      workers: true,
      database: h.testDatabase.database,
      graph: h.sandbox.graph,
      sandbox: { emulatorUrl: h.sandbox.emulator.url },
    });
    h.sandbox.attach(again.url!);
    try {
      await say(from, { buttonReply: { id: "hours", title: "Horario" } });
      const outbound = await eventually(async () => {
        const response = await fetch(`${again.url}/v1/messages?conversationId=${conversation.id}&limit=100`, {
          headers: { authorization: `Bearer ${h.apiKey}` },
        });
        const list = ((await response.json()) as { data: Message[] }).data.filter(
          (m) => m.direction === "outbound",
        );
        return list.length >= 3 ? list.reverse() : undefined;
      });
      expect(outbound.map(bodyOf)).toEqual([
        "¡Hola! ¿En qué te ayudamos?",
        "Abrimos de 9 a 18.",
        "¡Hasta pronto!",
      ]);
    } finally {
      await again.close();
    }
  });
});
