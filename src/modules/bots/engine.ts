import type { BotMessage, FlowDefinition, FlowNode, NodeOf } from "./definition.ts";
import { acceptAnswer, callEndpoint, promptMessage, render, ruleHolds } from "./steps.ts";

export type SessionStatus = "active" | "paused" | "completed" | "handed_over" | "closed" | "stopped";

/** Where a conversation is in its flow: what the database keeps between messages. */
export interface RunState {
  nodeId: string | null;
  status: SessionStatus;
  /** Waiting at an ask node for the customer's answer. */
  waiting: boolean;
  retries: number;
  attributes: Record<string, string>;
  /** The questions answered so far, for the agent's handover note. */
  answers: { question: string; answer: string }[];
}

export interface Inbound {
  text: string;
  /** The id of a tapped reply button or list row. */
  replyId?: string | undefined;
}

/** What a step does outside the engine: the real runtime sends and assigns; the simulator records. */
export interface BotEffects {
  send(message: BotMessage): Promise<void>;
  saveContactAttribute(name: string, value: string): Promise<void>;
  handover(
    target: { teamId?: string | undefined; assigneeId?: string | undefined },
    note: string,
  ): Promise<void>;
  /** The intent a language model picks, or null (not configured, no answer). */
  classify(text: string, intents: NodeOf<"classify">["intents"]): Promise<string | null>;
  /** An answer from the tenant's knowledge base through the language model, or null. */
  answer(question: string, instructions?: string | undefined): Promise<string | null>;
  /** Refuses (throws) a URL an http step must not call: loopback and private hosts outside the sandbox. */
  checkUrl(url: string): Promise<void>;
  now(): Date;
}

export const startState = (
  definition: FlowDefinition,
  attributes: Record<string, string> = {},
): RunState => ({
  nodeId: definition.start,
  status: "active",
  waiting: false,
  retries: 0,
  attributes,
  answers: [],
});

/** The node after `from` along `branch`, else along its default edge; null when there is none. */
function next(definition: FlowDefinition, from: string, branch?: string): string | null {
  const edges = definition.edges.filter((edge) => edge.from === from);
  return (
    (branch ? edges.find((edge) => edge.when === branch) : undefined)?.to ??
    edges.find((edge) => !edge.when)?.to ??
    null
  );
}

const MAX_STEPS = 50;

interface Step {
  /** The branch to follow, or "wait" (stay here for an answer), or "stop" (the session ended). */
  go: string | undefined | "wait" | "stop";
}

async function handover(state: RunState, node: NodeOf<"handover">, effects: BotEffects) {
  if (node.message) await effects.send({ kind: "text", text: render(node.message, state.attributes) });
  const summary = state.answers.map((answer) => `• ${answer.question}: ${answer.answer}`).join("\n");
  const note = [render(node.note ?? "Bot handover", state.attributes), summary].filter(Boolean).join("\n");
  await effects.handover({ teamId: node.teamId, assigneeId: node.assigneeId }, note);
  state.status = "handed_over";
}

async function runNode(state: RunState, node: FlowNode, effects: BotEffects): Promise<Step> {
  switch (node.type) {
    case "send":
      await effects.send(
        node.message.kind === "text"
          ? { kind: "text", text: render(node.message.text, state.attributes) }
          : node.message,
      );
      return { go: undefined };
    case "ask":
      await effects.send(promptMessage(node, state.attributes));
      state.waiting = true;
      state.retries = 0;
      return { go: "wait" };
    case "set_attribute": {
      const value = render(node.value, state.attributes);
      state.attributes[node.attribute] = value;
      if (node.saveToContact) await effects.saveContactAttribute(node.attribute, value);
      return { go: undefined };
    }
    case "condition": {
      const results = node.rules.map((rule) => ruleHolds(rule, state.attributes, effects.now()));
      const holds = node.match === "all" ? results.every(Boolean) : results.some(Boolean);
      return { go: holds ? "true" : "false" };
    }
    case "http": {
      const result = await callEndpoint(node, state.attributes, effects);
      Object.assign(state.attributes, result.attributes);
      return { go: result.branch };
    }
    case "classify": {
      const intent = await effects.classify(state.attributes.last_message ?? "", node.intents);
      const known = node.intents.some((candidate) => candidate.name === intent) ? intent! : "fallback";
      state.attributes[node.attribute] = known;
      return { go: known };
    }
    case "answer": {
      const text = await effects.answer(state.attributes.last_message ?? "", node.instructions);
      if (!text) return { go: "fallback" };
      state.attributes[node.attribute] = text;
      await effects.send({ kind: "text", text });
      return { go: "answered" };
    }
    case "handover":
      await handover(state, node, effects);
      return { go: "stop" };
    case "end":
      if (node.message) await effects.send({ kind: "text", text: render(node.message, state.attributes) });
      state.status = "completed";
      return { go: "stop" };
  }
}

/** An answer to the question the session waits at: stored and on along its branch, or asked again. */
async function answer(
  definition: FlowDefinition,
  state: RunState,
  node: NodeOf<"ask">,
  input: Inbound,
  effects: BotEffects,
): Promise<Step> {
  const accepted = acceptAnswer(node, input);
  if (accepted) {
    state.waiting = false;
    state.attributes[node.attribute] = accepted.value;
    state.answers.push({
      question: render(node.prompt, state.attributes),
      answer: node.input === "choice" ? input.text || accepted.value : accepted.value,
    });
    await effects.saveContactAttribute(node.attribute, accepted.value);
    return { go: accepted.branch };
  }
  if (state.retries < node.retries) {
    state.retries++;
    if (node.retryPrompt)
      await effects.send({ kind: "text", text: render(node.retryPrompt, state.attributes) });
    await effects.send(promptMessage(node, state.attributes));
    return { go: "wait" };
  }
  state.waiting = false;
  // Out of retries: the flow's "invalid" edge, else a person takes over.
  if (definition.edges.some((edge) => edge.from === node.id && edge.when === "invalid"))
    return { go: "invalid" };
  await handover(
    state,
    { id: node.id, type: "handover", note: `The customer could not answer "${node.prompt}"` },
    effects,
  );
  return { go: "stop" };
}

/**
 * Moves a session on: with an inbound message it first answers the question it waits at, then runs
 * nodes until the next question, a handover or the end. Returns the nodes it entered (analytics).
 */
export async function advance(
  definition: FlowDefinition,
  state: RunState,
  input: Inbound | null,
  effects: BotEffects,
): Promise<{ state: RunState; entered: string[] }> {
  const entered: string[] = [];
  const byId = new Map(definition.nodes.map((node) => [node.id, node]));
  if (input) state.attributes.last_message = input.text;
  let node = state.nodeId ? byId.get(state.nodeId) : undefined;
  let step: Step | null = null;
  if (node && state.waiting && node.type === "ask" && input)
    step = await answer(definition, state, node, input, effects);
  for (let count = 0; node && state.status === "active" && count < MAX_STEPS; count++) {
    if (step?.go === "wait" || step?.go === "stop") break;
    if (step) {
      const to = next(definition, node.id, step.go);
      node = to ? byId.get(to) : undefined;
      if (!node) break;
    }
    entered.push(node.id);
    state.nodeId = node.id;
    step = await runNode(state, node, effects);
  }
  // A flow that loops without asking is stopped rather than left spinning on every message.
  if (state.status === "active" && !state.waiting)
    state.status = entered.length >= MAX_STEPS ? "closed" : "completed";
  return { state, entered };
}
