import { branchesOf, type FlowDefinition, type FlowNode, isTerminal } from "./model";

/** The server's publish rules (src/modules/bots/validate.ts), run as the user edits. */
export type ProblemCode =
  | "start_missing"
  | "duplicate_node"
  | "missing_target"
  | "unreachable_node"
  | "dead_end"
  | "missing_branch"
  | "unknown_branch"
  | "choices_missing";
export interface FlowProblem {
  code: ProblemCode;
  nodeId?: string;
  /** The branch or node the problem names. */
  detail?: string;
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

function nodeProblems(node: FlowNode, outgoing: { when?: string }[]): FlowProblem[] {
  if (node.type === "ask" && node.input === "choice" && !node.choices?.length)
    return [{ code: "choices_missing", nodeId: node.id }];
  if (isTerminal(node)) return [];
  if (outgoing.length === 0) return [{ code: "dead_end", nodeId: node.id }];
  if (outgoing.some((edge) => !edge.when)) return [];
  return branchesOf(node)
    .filter((branch) => branch !== "invalid" && !outgoing.some((edge) => edge.when === branch))
    .map((branch) => ({ code: "missing_branch" as const, nodeId: node.id, detail: branch }));
}

export function validateFlow(definition: FlowDefinition): FlowProblem[] {
  const byId = new Map<string, FlowNode>();
  const problems: FlowProblem[] = [];
  for (const node of definition.nodes) {
    if (byId.has(node.id)) problems.push({ code: "duplicate_node", nodeId: node.id });
    byId.set(node.id, node);
  }
  if (!byId.has(definition.start)) problems.push({ code: "start_missing", detail: definition.start });
  for (const edge of definition.edges) {
    for (const end of [edge.from, edge.to])
      if (!byId.has(end)) problems.push({ code: "missing_target", nodeId: edge.from, detail: end });
    const from = byId.get(edge.from);
    if (from && edge.when && !branchesOf(from).includes(edge.when))
      problems.push({ code: "unknown_branch", nodeId: from.id, detail: edge.when });
  }
  const seen = reachable(definition);
  for (const node of byId.values()) {
    if (!seen.has(node.id)) problems.push({ code: "unreachable_node", nodeId: node.id });
    problems.push(
      ...nodeProblems(
        node,
        definition.edges.filter((edge) => edge.from === node.id),
      ),
    );
  }
  return problems;
}
