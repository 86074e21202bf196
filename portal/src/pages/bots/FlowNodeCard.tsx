import { Badge, Group, Paper, Text } from "@mantine/core";
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { useTranslation } from "react-i18next";
import { branchesOf, type FlowNode, isTerminal, NODE_COLOR, summaryOf } from "./model";

export type CanvasNode = Node<{ node: FlowNode; isStart: boolean; problems: string[] }, "flow">;

/** A node on the canvas: its type, id and summary; a handle per branch it can leave by. */
export function FlowNodeCard({ data, selected }: NodeProps<CanvasNode>) {
  const { t } = useTranslation();
  const { node, isStart, problems } = data;
  const branches = isTerminal(node) ? [] : [...branchesOf(node), "default"];
  const color = NODE_COLOR[node.type];
  return (
    <Paper
      withBorder
      shadow={selected ? "md" : "xs"}
      p="xs"
      w={200}
      data-testid={`node-${node.id}`}
      data-problems={problems.length}
      style={{
        borderColor: problems.length
          ? "var(--mantine-color-red-7)"
          : selected
            ? "var(--mantine-color-teal-7)"
            : undefined,
        borderWidth: problems.length || selected ? 2 : 1,
        borderLeft: `4px solid var(--mantine-color-${color}-7)`,
      }}
    >
      <Handle type="target" position={Position.Top} />
      <Group gap={4} justify="space-between" wrap="nowrap">
        <Text size="xs" fw={700} c={`${color}.9`} truncate>
          {t(`bots.types.${node.type}`)}
        </Text>
        {isStart ? (
          <Badge size="xs" color="teal" variant="filled">
            {t("bots.start")}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" fw={600} truncate>
        {node.label || node.id}
      </Text>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {summaryOf(node)}
      </Text>
      {problems.length ? (
        <Text size="xs" c="red.9" mt={4} title={problems.join("\n")}>
          ⚠ {problems[0]}
        </Text>
      ) : null}
      {branches.length ? (
        <Group gap={2} justify="space-around" mt={6} wrap="nowrap">
          {branches.map((branch) => (
            <Text key={branch} size="10px" c="dark.6" truncate maw={`${100 / branches.length}%`}>
              {branch === "default" ? "→" : branch}
            </Text>
          ))}
        </Group>
      ) : null}
      {branches.map((branch, index) => (
        <Handle
          key={branch}
          type="source"
          id={branch}
          position={Position.Bottom}
          style={{ left: `${((index + 0.5) / branches.length) * 100}%` }}
        />
      ))}
    </Paper>
  );
}
