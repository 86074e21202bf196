import { useElementSize } from "@mantine/hooks";
import {
  Background,
  Controls,
  type Edge,
  MarkerType,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  type XYPosition,
} from "@xyflow/react";
import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type CanvasNode, FlowNodeCard } from "./FlowNodeCard";
import type { FlowDefinition, NodePosition } from "./model";
import type { Draft } from "./useDraft";
import type { FlowProblem } from "./validate";

const nodeTypes = { flow: FlowNodeCard };

/** The API's bounds for a saved position (a node dragged far away is kept at the edge). */
const LIMIT = 100_000;
const toSaved = (value: number) => Math.max(-LIMIT, Math.min(LIMIT, Math.round(value)));

/**
 * Rows by distance from the start (unreachable nodes in a last row), so a new flow reads top-down;
 * for the nodes the draft has no saved position for yet.
 */
function autoLayout(definition: FlowDefinition): Record<string, XYPosition> {
  const depth = new Map<string, number>([[definition.start, 0]]);
  const queue = [definition.start];
  while (queue.length) {
    const id = queue.shift()!;
    for (const edge of definition.edges)
      if (edge.from === id && !depth.has(edge.to)) {
        depth.set(edge.to, depth.get(id)! + 1);
        queue.push(edge.to);
      }
  }
  const last = Math.max(0, ...depth.values()) + 1;
  const rows = new Map<number, string[]>();
  for (const node of definition.nodes) {
    const row = depth.get(node.id) ?? last;
    rows.set(row, [...(rows.get(row) ?? []), node.id]);
  }
  const out: Record<string, XYPosition> = {};
  for (const [row, ids] of rows)
    ids.forEach((id, column) => {
      out[id] = { x: (column - (ids.length - 1) / 2) * 240, y: row * 170 };
    });
  return out;
}

export function FlowCanvas({
  draft,
  problemText,
  selected,
  onSelect,
}: {
  draft: Draft;
  problemText: (problem: FlowProblem) => string;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const { definition, problems, ops } = draft;
  const layout = useMemo(() => autoLayout(definition), [definition]);
  const { fitView } = useReactFlow();
  const count = definition.nodes.length;
  const { ref, width } = useElementSize();
  const widthStep = Math.round(width / 100);
  // A node added or removed, or the canvas much wider or narrower (a phone turned, a window
  // resized): show the whole flow again, so every node is on screen.
  useEffect(() => {
    if (!count || !widthStep) return;
    const timer = setTimeout(() => void fitView({ maxZoom: 1 }), 50);
    return () => clearTimeout(timer);
  }, [count, widthStep, fitView]);
  const nodes: CanvasNode[] = definition.nodes.map((node) => ({
    id: node.id,
    type: "flow",
    position: node.position ?? layout[node.id] ?? { x: 0, y: 0 },
    selected: node.id === selected,
    data: {
      node,
      isStart: node.id === definition.start,
      problems: problems.filter((p) => p.nodeId === node.id).map(problemText),
    },
  }));
  const edges: Edge[] = definition.edges.map((edge, index) => ({
    id: `${edge.from}:${edge.when ?? ""}:${index}`,
    source: edge.from,
    sourceHandle: edge.when ?? "default",
    target: edge.to,
    label: edge.when,
    markerEnd: { type: MarkerType.ArrowClosed },
  }));
  // A drag saves the moved nodes' positions in the draft, and freezes where the others are drawn,
  // so the layout the user arranged is the one the draft (and its versions) keeps.
  const onNodesChange = (changes: NodeChange<CanvasNode>[]) => {
    const placed: Record<string, NodePosition> = {};
    for (const change of changes) {
      if (change.type === "position" && change.position)
        placed[change.id] = { x: toSaved(change.position.x), y: toSaved(change.position.y) };
      if (change.type === "select" && change.selected) onSelect(change.id);
    }
    if (!Object.keys(placed).length) return;
    for (const node of definition.nodes)
      if (!node.position && !placed[node.id] && layout[node.id]) placed[node.id] = layout[node.id]!;
    ops.placeNodes(placed);
  };
  return (
    <div ref={ref} style={{ width: "100%", height: "100%" }}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodesDelete={(deleted) => {
          for (const node of deleted) ops.removeNode(node.id);
          onSelect(null);
        }}
        onEdgesDelete={(deleted) => {
          const ids = new Set(deleted.map((edge) => edge.id));
          ops.removeEdges(new Set(edges.flatMap((edge, index) => (ids.has(edge.id) ? [index] : []))));
        }}
        onConnect={(connection) =>
          ops.connect(
            connection.source,
            connection.sourceHandle && connection.sourceHandle !== "default"
              ? connection.sourceHandle
              : undefined,
            connection.target,
          )
        }
        onPaneClick={() => onSelect(null)}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.2}
        aria-label={t("bots.canvas")}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
