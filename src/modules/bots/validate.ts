import type { FlowDefinition, FlowNode } from "./definition.ts";

/** One thing wrong with a flow's graph, as the editor shows it next to the node. */
export interface FlowProblem {
  code:
    | "start_missing"
    | "duplicate_node"
    | "missing_target"
    | "unreachable_node"
    | "dead_end"
    | "missing_branch"
    | "unknown_branch"
    | "choices_missing";
  nodeId?: string;
  message: string;
}

const terminal = new Set<FlowNode["type"]>(["handover", "end"]);

/** The branches a node can leave by (each needs an edge, or the node a default edge). */
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

/** Optional branches: without an edge they fall back to the default edge or, for "invalid", hand over. */
const optionalBranches = new Set(["invalid"]);

function edgeProblems(definition: FlowDefinition, byId: Map<string, FlowNode>): FlowProblem[] {
  const problems: FlowProblem[] = [];
  for (const edge of definition.edges) {
    for (const end of [edge.from, edge.to])
      if (!byId.has(end))
        problems.push({
          code: "missing_target",
          nodeId: edge.from,
          message: `An edge ${edge.from} -> ${edge.to} refers to node "${end}", which does not exist`,
        });
    const from = byId.get(edge.from);
    if (from && edge.when && !branchesOf(from).includes(edge.when))
      problems.push({
        code: "unknown_branch",
        nodeId: from.id,
        message: `Node "${from.id}" (${from.type}) has no branch "${edge.when}"`,
      });
  }
  return problems;
}

function nodeProblems(node: FlowNode, outgoing: { when?: string | undefined }[]): FlowProblem[] {
  if (node.type === "ask" && node.input === "choice" && !node.choices?.length)
    return [{ code: "choices_missing", nodeId: node.id, message: `Question "${node.id}" offers no choices` }];
  if (terminal.has(node.type)) return [];
  if (outgoing.length === 0)
    return [
      {
        code: "dead_end",
        nodeId: node.id,
        message: `Node "${node.id}" (${node.type}) leads nowhere: connect it, or end with a handover or an end node`,
      },
    ];
  if (outgoing.some((edge) => !edge.when)) return [];
  return branchesOf(node)
    .filter((branch) => !optionalBranches.has(branch) && !outgoing.some((edge) => edge.when === branch))
    .map((branch) => ({
      code: "missing_branch" as const,
      nodeId: node.id,
      message: `Node "${node.id}" has no edge for "${branch}" and no default edge`,
    }));
}

function reachable(definition: FlowDefinition): Set<string> {
  const seen = new Set<string>();
  const pending = [definition.start];
  while (pending.length) {
    const id = pending.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const edge of definition.edges) if (edge.from === id) pending.push(edge.to);
  }
  return seen;
}

/** Every problem that keeps a flow from being published; empty when it can run. */
export function validateFlow(definition: FlowDefinition): FlowProblem[] {
  const byId = new Map<string, FlowNode>();
  const problems: FlowProblem[] = [];
  for (const node of definition.nodes) {
    if (byId.has(node.id))
      problems.push({
        code: "duplicate_node",
        nodeId: node.id,
        message: `Two nodes are called "${node.id}"`,
      });
    byId.set(node.id, node);
  }
  if (!byId.has(definition.start))
    problems.push({ code: "start_missing", message: `The start node "${definition.start}" does not exist` });
  problems.push(...edgeProblems(definition, byId));
  const seen = reachable(definition);
  for (const node of byId.values()) {
    if (!seen.has(node.id))
      problems.push({
        code: "unreachable_node",
        nodeId: node.id,
        message: `Node "${node.id}" cannot be reached from the start`,
      });
    problems.push(
      ...nodeProblems(
        node,
        definition.edges.filter((edge) => edge.from === node.id),
      ),
    );
  }
  return problems;
}
