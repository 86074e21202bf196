import { describe, expect, it } from "vitest";
import type { FlowDefinition, NodeOf } from "./definition.ts";
import { advance, type BotEffects, startState } from "./engine.ts";
import { globalCommand, matchesKeyword, matchesPattern } from "./matching.ts";
import { acceptAnswer, ruleHolds } from "./steps.ts";
import { validateFlow } from "./validate.ts";

describe("keyword matching in es, en and pt", () => {
  it.each([
    ["¿Cuál es el PRECIO?", "precio"],
    ["cual es el presio", "precio"],
    ["Qual é o preço?", "preço"],
    ["qual e o preco", "preço"],
    ["quero fazer uma reclamação", "reclamacao"],
    ["I want to check my ordr", "order"],
    ["Horarios de atención", "horario de atencion"],
  ])("%s matches %s", (message, keyword) => {
    expect(matchesKeyword(message, keyword)).toBe(true);
  });

  it.each([
    ["precioso día", "precio"],
    ["hola", "hora"],
    ["sin", "si"],
    ["el pedido llegó", "pedir"],
  ])("%s does not match %s", (message, keyword) => {
    expect(matchesKeyword(message, keyword)).toBe(false);
  });

  it("matches wildcard patterns over the whole message without regular expressions", () => {
    expect(matchesPattern("Pedido 12345", "pedido *")).toBe(true);
    expect(matchesPattern("mi pedido 12345", "pedido *")).toBe(false);
    expect(matchesPattern("¿Cuánto cuesta el envío?", "*envio*")).toBe(true);
    expect(matchesPattern(`${"a".repeat(8000)}b`, "*a*a*a*a*a*c")).toBe(false);
  });

  it("recognises global commands in any of the three languages, typos forgiven", () => {
    expect(globalCommand("Menú")).toBe("menu");
    expect(globalCommand("INICIO")).toBe("menu");
    expect(globalCommand("agente")).toBe("agent");
    expect(globalCommand("atendente")).toBe("agent");
    expect(globalCommand("agnte")).toBe("agent");
    expect(globalCommand("Sair")).toBe("stop");
    expect(globalCommand("stop")).toBe("stop");
    expect(globalCommand("quiero un agente")).toBeNull();
  });
});

describe("answers and conditions", () => {
  const ask = (input: NodeOf<"ask">["input"]): NodeOf<"ask"> => ({
    id: "q",
    type: "ask",
    input,
    prompt: "?",
    attribute: "a",
    retries: 1,
    timeoutAction: "close",
    choices: [
      { id: "yes", title: "Sí", keywords: ["claro", "sim"] },
      { id: "no", title: "No" },
    ],
  });

  it("validates and normalizes each kind of answer", () => {
    expect(acceptAnswer(ask("number"), { text: "12,5" })).toEqual({ value: "12.5" });
    expect(acceptAnswer(ask("number"), { text: "doce" })).toBeNull();
    expect(acceptAnswer(ask("email"), { text: "Ana@Example.com" })).toEqual({ value: "ana@example.com" });
    expect(acceptAnswer(ask("email"), { text: "ana@" })).toBeNull();
    expect(acceptAnswer(ask("date"), { text: "31/12/2026" })).toEqual({ value: "2026-12-31" });
    expect(acceptAnswer(ask("date"), { text: "2026-02-30" })).toBeNull();
    expect(acceptAnswer(ask("choice"), { text: "whatever", replyId: "no" })).toEqual({
      value: "no",
      branch: "no",
    });
    expect(acceptAnswer(ask("choice"), { text: "si" })).toEqual({ value: "yes", branch: "yes" });
    expect(acceptAnswer(ask("choice"), { text: "Sim" })).toEqual({ value: "yes", branch: "yes" });
    expect(acceptAnswer(ask("choice"), { text: "2" })).toEqual({ value: "no", branch: "no" });
    expect(acceptAnswer(ask("choice"), { text: "tal vez" })).toBeNull();
  });

  it("compares attributes as numbers when both sides are numbers, and checks business hours in a timezone", () => {
    const attrs = { total: "120", city: "São Paulo" };
    expect(ruleHolds({ kind: "attribute", attribute: "total", op: "gt", value: 99 }, attrs, new Date())).toBe(
      true,
    );
    expect(
      ruleHolds({ kind: "attribute", attribute: "total", op: "lt", value: "99" }, attrs, new Date()),
    ).toBe(false);
    expect(
      ruleHolds({ kind: "attribute", attribute: "city", op: "eq", value: "sao paulo" }, attrs, new Date()),
    ).toBe(true);
    expect(ruleHolds({ kind: "attribute", attribute: "zip", op: "exists" }, attrs, new Date())).toBe(false);
    // Monday 2026-11-30 13:00 UTC is 10:00 in Buenos Aires: open on weekdays 09-18, closed on weekends.
    const monday = new Date("2026-11-30T13:00:00Z");
    const hours = {
      kind: "time" as const,
      timezone: "America/Argentina/Buenos_Aires",
      from: "09:00",
      to: "18:00",
    };
    expect(ruleHolds({ ...hours, weekdays: [1, 2, 3, 4, 5] }, {}, monday)).toBe(true);
    expect(ruleHolds({ ...hours, weekdays: [6, 7] }, {}, monday)).toBe(false);
    expect(ruleHolds({ ...hours, from: "11:00" }, {}, monday)).toBe(false);
  });
});

describe("the engine", () => {
  const effects = (sent: string[]): BotEffects => ({
    send: async (message) => {
      sent.push(message.kind === "text" ? message.text : message.kind);
    },
    saveContactAttribute: async () => {},
    handover: async (_target, note) => {
      sent.push(`handover: ${note}`);
    },
    classify: async () => null,
    answer: async () => null,
    checkUrl: async () => {},
    now: () => new Date(),
  });

  it("asks again on an invalid answer and hands over when retries run out", async () => {
    const definition: FlowDefinition = {
      start: "age",
      nodes: [
        {
          id: "age",
          type: "ask",
          input: "number",
          prompt: "¿Edad?",
          attribute: "age",
          retries: 1,
          timeoutAction: "close",
        },
        { id: "done", type: "end", message: "ok {{age}}" },
      ],
      edges: [{ from: "age", to: "done" }],
    };
    expect(validateFlow(definition)).toEqual([]);
    const sent: string[] = [];
    let state = (await advance(definition, startState(definition), { text: "hola" }, effects(sent))).state;
    state = (await advance(definition, state, { text: "veinte" }, effects(sent))).state;
    expect(state).toMatchObject({ status: "active", retries: 1, nodeId: "age" });
    state = (await advance(definition, state, { text: "otra vez no" }, effects(sent))).state;
    expect(state.status).toBe("handed_over");
    expect(sent).toEqual(["¿Edad?", "¿Edad?", 'handover: The customer could not answer "¿Edad?"']);
  });

  it("stops a flow that loops without asking instead of spinning", async () => {
    const definition: FlowDefinition = {
      start: "a",
      nodes: [
        { id: "a", type: "set_attribute", attribute: "x", value: "1", saveToContact: false },
        { id: "b", type: "set_attribute", attribute: "y", value: "2", saveToContact: false },
      ],
      edges: [
        { from: "a", to: "b" },
        { from: "b", to: "a" },
      ],
    };
    const { state, entered } = await advance(definition, startState(definition), null, effects([]));
    expect(entered).toHaveLength(50);
    expect(state.status).toBe("closed");
  });
});
