import { createHmac, randomInt } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { createUser } from "../accounts/index.ts";

type Message = { direction: string; wamid: string | null; content: { text?: { body: string } } };

/** A customer's endpoint (checks the signature) and an OpenAI-compatible chat-completions server. */
function startPartner() {
  const llmRequests: { model: string; messages: { role: string; content: string }[] }[] = [];
  const server = createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => {
      raw += chunk;
    });
    request.on("end", () => {
      const json = (status: number, body: unknown) => {
        response.writeHead(status, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url === "/v1/chat/completions") {
        const body = JSON.parse(raw);
        llmRequests.push(body);
        const said = body.messages.at(-1).content as string;
        const intent = said.includes("factura") ? "billing" : "none";
        return json(200, { choices: [{ index: 0, message: { role: "assistant", content: intent } }] });
      }
      if (request.url === "/orders") {
        const expected = `sha256=${createHmac("sha256", "una-clave-secreta")
          .update(`${request.headers["x-charla-timestamp"]}.${raw}`)
          .digest("hex")}`;
        if (request.headers["x-charla-signature"] !== expected) return json(401, { error: "bad signature" });
        const { order } = JSON.parse(raw);
        return json(200, { order: { id: order, status: order === "42" ? "en camino" : "entregado" } });
      }
      if (request.url === "/slow") return setTimeout(() => json(200, {}), 2_000);
      json(404, {});
    });
  });
  return { server, llmRequests };
}

describeEachDatabase("bot triggers and runtime", (kind) => {
  let h: Harness;
  let partner: ReturnType<typeof startPartner>;
  let base: string;
  beforeAll(async () => {
    partner = startPartner();
    await new Promise<void>((resolve) => partner.server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(partner.server.address() as AddressInfo).port}`;
    h = await startHarness(kind, {
      BOTS_LLM_URL: `${base}/v1/chat/completions`,
      BOTS_LLM_MODEL: "tiny-intent",
      // The partner listens on loopback, which http steps refuse unless private hosts are allowed.
      WEBHOOKS_ALLOW_PRIVATE: "true",
    });
    const flow = async (name: string, triggers: object, definition: object) => {
      const created = await h.api("POST", "/v1/bots/flows", { name, triggers, definition });
      expect(created.status).toBe(201);
      expect((await h.api("POST", `/v1/bots/flows/${created.body.id}/publish`)).status).toBe(201);
      return created.body.id as string;
    };
    const reply = (text: string) => ({
      start: "say",
      nodes: [{ id: "say", type: "end", message: text }],
      edges: [],
    });
    await flow(
      "Precios",
      { keywords: ["precio", "preço", "price"] },
      reply("Nuestros precios: https://example.com"),
    );
    await flow("Bienvenida", { firstContact: true }, reply("¡Bienvenido por primera vez!"));
    await flow("Promo", { buttonIds: ["promo_si"] }, reply("¡Genial! Te enviamos el cupón."));
    await flow("Campaña", { campaignReply: true }, reply("Gracias por responder a nuestra campaña."));
    await flow(
      "Consulta",
      { keywords: ["consulta"] },
      {
        start: "intent",
        nodes: [
          {
            id: "intent",
            type: "classify",
            intents: [
              { name: "billing", description: "invoices, payments" },
              { name: "shipping", description: "deliveries" },
            ],
          },
          { id: "billing", type: "end", message: "Te ayudo con tu factura ({{intent}})." },
          { id: "other", type: "end", message: "No entendí, ¿puedes repetir?" },
        ],
        edges: [
          { from: "intent", to: "billing", when: "billing" },
          { from: "intent", to: "other" },
        ],
      },
    );
    await flow(
      "Encuesta",
      { keywords: ["encuesta"] },
      {
        start: "q",
        nodes: [
          { id: "q", type: "ask", input: "text", prompt: "¿Qué te pareció?", attribute: "opinion" },
          { id: "thanks", type: "end", message: "¡Gracias!" },
        ],
        edges: [{ from: "q", to: "thanks" }],
      },
    );
    // The order lookup: "Pedido" with a short reminder (the timeout test), "Rastreo" without one, so
    // a loaded machine cannot close the session before the http test's answer arrives.
    const orderLookup = (timeout: object) => ({
      start: "order",
      nodes: [
        {
          id: "order",
          type: "ask",
          input: "number",
          prompt: "¿Número de pedido?",
          attribute: "order",
          ...timeout,
        },
        {
          id: "lookup",
          type: "http",
          url: `${base}/orders`,
          body: { order: "{{order}}" },
          secret: "una-clave-secreta",
          map: { status: "order.status" },
        },
        { id: "found", type: "end", message: "Tu pedido {{order}} está {{status}}." },
        { id: "failed", type: "handover", note: "No se pudo consultar el pedido" },
      ],
      edges: [
        { from: "order", to: "lookup" },
        { from: "lookup", to: "found", when: "ok" },
        { from: "lookup", to: "failed", when: "error" },
      ],
    });
    await flow(
      "Pedido",
      { patterns: ["pedido*"] },
      orderLookup({
        timeoutMinutes: 0.02,
        timeoutAction: "remind",
        reminder: "¿Sigues ahí? Dime tu número de pedido.",
      }),
    );
    await flow("Rastreo", { patterns: ["rastreo*"] }, orderLookup({}));
  });
  afterAll(async () => {
    await h?.close();
    partner?.server.close();
  });

  const phone = () => `54911${randomInt(10_000_000, 99_999_999)}`;
  const say = async (from: string, input: Record<string, unknown>) =>
    (
      await fetch(`${h.sandbox.emulator.url}/_emulator/inbound`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from, to: h.number.phoneNumberId, ...input }),
      })
    ).json();
  const botTexts = async (from: string, count: number) =>
    eventually(
      async () => {
        const conversation = (await h.api("GET", "/v1/conversations?limit=200")).body.data.find(
          (c: { contact: { phone: string } }) => c.contact.phone === `+${from}`,
        );
        if (!conversation) return undefined;
        const thread = (await h.api("GET", `/v1/messages?conversationId=${conversation.id}&limit=100`)).body
          .data as Message[];
        const texts = thread
          .filter((m) => m.direction === "outbound")
          .reverse()
          .map((m) => m.content.text?.body);
        return texts.length >= count ? { texts, conversationId: conversation.id as string } : undefined;
      },
      { what: `${count} bot messages to ${from}` },
    );
  const quiet = () => new Promise((resolve) => setTimeout(resolve, 1_500));

  it("starts flows by keyword (accents, case, typos, es/en/pt), else by first contact, once", async () => {
    for (const text of ["¿Cuál es el PRESIO?", "Qual é o preco?", "what's the price"]) {
      const from = phone();
      await say(from, { text });
      expect((await botTexts(from, 1)).texts).toEqual(["Nuestros precios: https://example.com"]);
    }
    const from = phone();
    await say(from, { text: "buenas tardes" });
    expect((await botTexts(from, 1)).texts).toEqual(["¡Bienvenido por primera vez!"]);
    await say(from, { text: "buenas tardes" });
    await quiet();
    expect((await botTexts(from, 1)).texts).toHaveLength(1);
  });

  it("starts a flow from a button reply's id and from a reply to a campaign's template message", async () => {
    const tapper = phone();
    await say(tapper, { text: "hola" });
    await botTexts(tapper, 1);
    await say(tapper, { button: { payload: "promo_si", text: "Sí, quiero" } });
    expect((await botTexts(tapper, 2)).texts[1]).toBe("¡Genial! Te enviamos el cupón.");

    const customer = phone();
    await h.api("POST", "/v1/contacts", { phone: `+${customer}`, optIn: { source: "campaign form" } });
    await eventually(async () =>
      (await h.api("GET", "/v1/templates?name=hello_world")).body.data.find(
        (t: { status: string }) => t.status === "approved",
      ),
    );
    const sent = await h.api("POST", "/v1/messages", {
      to: `+${customer}`,
      type: "template",
      template: { name: "hello_world", language: "en_US" },
    });
    expect(sent.status).toBe(202);
    const wamid = await eventually(
      async () =>
        ((await h.api("GET", `/v1/messages/${sent.body.id}`)).body.wamid as string | null) ?? undefined,
    );
    await say(customer, { text: "me interesa", context: { id: wamid } });
    const { texts } = await botTexts(customer, 2);
    expect(texts[1]).toBe("Gracias por responder a nuestra campaña.");
  });

  it("classifies intent through an OpenAI-compatible endpoint from configuration", async () => {
    const from = phone();
    await say(from, { text: "Tengo una consulta sobre mi factura" });
    expect((await botTexts(from, 1)).texts).toEqual(["Te ayudo con tu factura (billing)."]);
    const request = partner.llmRequests.at(-1)!;
    expect(request.model).toBe("tiny-intent");
    expect(request.messages.at(-1)!.content).toBe("Tengo una consulta sobre mi factura");
    const other = phone();
    await say(other, { text: "una consulta" });
    expect((await botTexts(other, 1)).texts).toEqual(["No entendí, ¿puedes repetir?"]);
  });

  it("calls a signed HTTP endpoint and maps its JSON answer into the flow", async () => {
    const from = phone();
    await say(from, { text: "Rastreo" });
    await botTexts(from, 1);
    await say(from, { text: "42" });
    expect((await botTexts(from, 2)).texts).toEqual(["¿Número de pedido?", "Tu pedido 42 está en camino."]);
  });

  it("reminds once when the customer does not answer, then closes the session as a drop-off", async () => {
    const from = phone();
    await say(from, { text: "pedido por favor" });
    const { texts } = await botTexts(from, 2);
    expect(texts).toEqual(["¿Número de pedido?", "¿Sigues ahí? Dime tu número de pedido."]);
    const flows = (await h.api("GET", "/v1/bots/flows")).body.data as { id: string; name: string }[];
    const id = flows.find((f) => f.name === "Pedido")!.id;
    const analytics = await eventually(async () => {
      const body = (await h.api("GET", `/v1/bots/flows/${id}/analytics`)).body;
      return body.dropOffs >= 1 ? body : undefined;
    });
    expect(analytics.nodes.find((n: { nodeId: string }) => n.nodeId === "order")).toMatchObject({
      droppedOff: 1,
    });
    // A late answer does not revive it; a new trigger starts over.
    await say(from, { text: "42" });
    await quiet();
    expect((await botTexts(from, 2)).texts).toHaveLength(2);
  });

  it("obeys the global commands menu, agent and stop in the middle of a flow", async () => {
    const restarted = phone();
    await say(restarted, { text: "encuesta" });
    await botTexts(restarted, 1);
    await say(restarted, { text: "Menú" });
    expect((await botTexts(restarted, 2)).texts).toEqual(["¿Qué te pareció?", "¿Qué te pareció?"]);
    await say(restarted, { text: "muy bien" });
    expect((await botTexts(restarted, 3)).texts[2]).toBe("¡Gracias!");

    const wantsPerson = phone();
    await say(wantsPerson, { text: "encuesta" });
    const { conversationId } = await botTexts(wantsPerson, 1);
    await say(wantsPerson, { text: "AGENTE" });
    const note = await eventually(async () =>
      (await h.api("GET", `/v1/conversations/${conversationId}/notes`)).body.data.find(
        (n: { body: string }) => n.body.startsWith("The customer asked for a person"),
      ),
    );
    expect(note).toBeDefined();
    await say(wantsPerson, { text: "hola?" });

    const stopper = phone();
    await say(stopper, { text: "encuesta" });
    await botTexts(stopper, 1);
    await say(stopper, { text: "parar" });
    await say(stopper, { text: "bien" });
    await quiet();
    expect((await botTexts(stopper, 1)).texts).toEqual(["¿Qué te pareció?"]);
    expect((await botTexts(wantsPerson, 1)).texts).toEqual(["¿Qué te pareció?"]);
  });

  it("pauses the bot when an agent takes the conversation", async () => {
    const email = `agente.bots.${kind}@example.com`;
    const agent = await createUser(
      h.charla.services.database.db,
      { tenantId: h.tenant.id, email, name: "Eva", role: "agent", password: "una clave larga de prueba 42" },
      { kind: "system" },
    );
    const from = phone();
    await say(from, { text: "pedido" });
    const { conversationId } = await botTexts(from, 1);
    const assigned = await h.api("POST", `/v1/conversations/${conversationId}/assignment`, {
      assigneeId: agent.id,
    });
    expect(assigned.status).toBe(200);
    await say(from, { text: "42" });
    await quiet();
    expect((await botTexts(from, 1)).texts).toEqual(["¿Número de pedido?"]);
  });

  it("simulates a draft whose endpoint is too slow: the http step takes its error branch", async () => {
    const created = await h.api("POST", "/v1/bots/flows", {
      name: "Lento",
      definition: {
        start: "call",
        nodes: [
          { id: "call", type: "http", method: "GET", url: `${base}/slow`, timeoutMs: 300 },
          { id: "ok", type: "end", message: "ok" },
          { id: "late", type: "end", message: "El sistema tarda, intenta luego." },
        ],
        edges: [
          { from: "call", to: "ok", when: "ok" },
          { from: "call", to: "late", when: "error" },
        ],
      },
    });
    const result = await h.api("POST", `/v1/bots/flows/${created.body.id}/simulate`, {
      messages: [{ text: "x" }],
    });
    expect(result.body.turns[0].replies).toEqual([
      { kind: "text", text: "El sistema tarda, intenta luego." },
    ]);
    expect(result.body.state.status).toBe("completed");
  });
});
