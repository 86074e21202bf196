import type { paths } from "../../api/schema";

/** The flow definition as the API takes it (generated from the server's zod schema). */
export type FlowDefinition = NonNullable<
  paths["/v1/bots/flows"]["post"]["requestBody"]["content"]["application/json"]["definition"]
>;
export type FlowNode = FlowDefinition["nodes"][number];
export type FlowEdge = FlowDefinition["edges"][number];
/** Where the editor draws a node (saved with the draft; the runtime never reads it). */
export type NodePosition = NonNullable<FlowNode["position"]>;
export type NodeType = FlowNode["type"];
export type NodeOf<T extends NodeType> = Extract<FlowNode, { type: T }>;
export type FlowTriggers = NonNullable<
  paths["/v1/bots/flows"]["post"]["requestBody"]["content"]["application/json"]["triggers"]
>;
export type BotMessage = NodeOf<"send">["message"];

/** A flow as GET /v1/bots/flows/{id} answers (the server's row; its route publishes no schema). */
export interface BotFlow {
  id: string;
  name: string;
  phoneNumberId: string | null;
  isDefault: boolean;
  triggers: FlowTriggers;
  draft: FlowDefinition;
  publishedVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface FlowVersion {
  flowId: string;
  version: number;
  definition: FlowDefinition;
  publishedBy: string;
  publishedAt: string;
}

export interface FlowAnalytics {
  sessions: number;
  active: number;
  paused: number;
  completions: number;
  handovers: number;
  dropOffs: number;
  nodes: { nodeId: string; entered: number; droppedOff: number }[];
}

export type SessionStatus = "active" | "paused" | "completed" | "handed_over" | "closed" | "stopped";
export interface Inbound {
  text: string;
  replyId?: string;
}
export interface SimulationResult {
  turns: { message: Inbound | null; replies: BotMessage[] }[];
  state: { nodeId: string | null; status: SessionStatus; attributes: Record<string, string> };
  handover: { teamId?: string; assigneeId?: string; note: string } | null;
}

export const NODE_TYPES = [
  "send",
  "ask",
  "set_attribute",
  "condition",
  "http",
  "classify",
  "answer",
  "handover",
  "end",
] as const satisfies readonly NodeType[];

export const NODE_COLOR: Record<NodeType, string> = {
  send: "blue",
  ask: "violet",
  set_attribute: "cyan",
  condition: "orange",
  http: "grape",
  classify: "indigo",
  answer: "lime",
  handover: "teal",
  end: "gray",
};

/** A fresh node of a type, valid as it is, with an id not used yet in the flow. */
export function newNode(type: NodeType, taken: Set<string>): FlowNode {
  let n = 1;
  while (taken.has(`${type}_${n}`)) n++;
  const id = `${type}_${n}`;
  switch (type) {
    case "send":
      return { id, type, message: { kind: "text", text: "…" } };
    case "ask":
      return {
        id,
        type,
        prompt: "…",
        input: "text",
        attribute: "answer",
        retries: 2,
        timeoutAction: "close",
      };
    case "set_attribute":
      return { id, type, attribute: "attribute", value: "", saveToContact: true };
    case "condition":
      return { id, type, match: "all", rules: [{ kind: "attribute", attribute: "attribute", op: "exists" }] };
    case "http":
      return { id, type, url: "https://example.com/hook", method: "POST", timeoutMs: 5000, map: {} };
    case "classify":
      return { id, type, intents: [{ name: "intent", description: "…" }], attribute: "intent" };
    case "answer":
      return { id, type, attribute: "answer" };
    case "handover":
      return { id, type };
    case "end":
      return { id, type };
  }
}

/** The branches a node can leave by; every node also has a default way on (no `when`). */
export function branchesOf(node: FlowNode): string[] {
  switch (node.type) {
    case "ask":
      return node.input === "choice" ? [...(node.choices ?? []).map((choice) => choice.id), "invalid"] : [];
    case "condition":
      return ["true", "false"];
    case "http":
      return ["ok", "error"];
    case "classify":
      return [...node.intents.map((intent) => intent.name), "fallback"];
    case "answer":
      return ["answered", "fallback"];
    default:
      return [];
  }
}

export const isTerminal = (node: FlowNode) => node.type === "handover" || node.type === "end";

/** A short line the canvas shows under a node's title. */
export function summaryOf(node: FlowNode): string {
  switch (node.type) {
    case "send":
      return node.message.kind === "template"
        ? node.message.name
        : node.message.kind === "media"
          ? (node.message.caption ?? node.message.link)
          : node.message.text;
    case "ask":
      return node.prompt;
    case "set_attribute":
      return `${node.attribute} = ${node.value}`;
    case "condition":
      return node.rules
        .map((rule) => (rule.kind === "time" ? `${rule.from}-${rule.to}` : rule.attribute))
        .join(", ");
    case "http":
      return node.url;
    case "classify":
      return node.intents.map((intent) => intent.name).join(", ");
    case "answer":
      return node.instructions ?? node.attribute ?? "answer";
    case "handover":
      return node.message ?? node.note ?? "";
    case "end":
      return node.message ?? "";
  }
}
