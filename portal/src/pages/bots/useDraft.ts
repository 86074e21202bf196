import { useCallback, useMemo, useState } from "react";
import { type FlowDefinition, type FlowNode, type NodePosition, type NodeType, newNode } from "./model";
import { validateFlow } from "./validate";

/** The draft being edited: a definition with the operations the canvas and panels perform. */
export function useDraft(initial: FlowDefinition) {
  const [definition, setDefinition] = useState(initial);
  const [dirty, setDirty] = useState(false);
  const change = useCallback((next: (current: FlowDefinition) => FlowDefinition) => {
    setDefinition(next);
    setDirty(true);
  }, []);
  const problems = useMemo(() => validateFlow(definition), [definition]);

  const ops = useMemo(
    () => ({
      addNode(type: NodeType): string {
        const node = newNode(type, new Set(definition.nodes.map((n) => n.id)));
        change((d) => ({ ...d, nodes: [...d.nodes, node] }));
        return node.id;
      },
      /** Replaces a node; a new id renames it everywhere (edges, start). */
      updateNode(id: string, node: FlowNode) {
        const rename = (value: string) => (value === id ? node.id : value);
        change((d) => ({
          ...d,
          start: rename(d.start),
          nodes: d.nodes.map((n) => (n.id === id ? node : n)),
          edges: d.edges.map((e) => ({ ...e, from: rename(e.from), to: rename(e.to) })),
        }));
      },
      /** Puts nodes where the canvas shows them, so the layout is saved with the draft. */
      placeNodes(positions: Record<string, NodePosition>) {
        change((d) => ({
          ...d,
          nodes: d.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] } : n)),
        }));
      },
      removeNode(id: string) {
        change((d) => ({
          ...d,
          nodes: d.nodes.filter((n) => n.id !== id),
          edges: d.edges.filter((e) => e.from !== id && e.to !== id),
        }));
      },
      setStart(id: string) {
        change((d) => ({ ...d, start: id }));
      },
      /** Points a node's branch (undefined: its default way on) at a node, or removes it (null). */
      connect(from: string, when: string | undefined, to: string | null) {
        change((d) => {
          const others = d.edges.filter((e) => !(e.from === from && e.when === when));
          return { ...d, edges: to ? [...others, { from, to, ...(when ? { when } : {}) }] : others };
        });
      },
      removeEdges(indexes: Set<number>) {
        change((d) => ({ ...d, edges: d.edges.filter((_, i) => !indexes.has(i)) }));
      },
    }),
    [definition, change],
  );

  const reset = useCallback((next: FlowDefinition) => {
    setDefinition(next);
    setDirty(false);
  }, []);
  return { definition, dirty, problems, ops, reset, markSaved: () => setDirty(false) };
}
export type Draft = ReturnType<typeof useDraft>;
