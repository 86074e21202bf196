import { Badge, Button, Divider, Group, Select, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { CommitInput } from "./fields";
import { branchesOf, isTerminal } from "./model";
import { StepFields } from "./StepFields";
import type { Draft } from "./useDraft";
import type { FlowProblem } from "./validate";

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** The selected node: its id, label and fields, where each of its branches leads, and its problems. */
export function NodeProperties({
  draft,
  nodeId,
  onSelect,
  problemText,
}: {
  draft: Draft;
  nodeId: string;
  onSelect: (id: string | null) => void;
  problemText: (problem: FlowProblem) => string;
}) {
  const { t } = useTranslation();
  const { definition, ops, problems } = draft;
  const node = definition.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const others = definition.nodes
    .filter((n) => n.id !== node.id)
    .map((n) => ({ value: n.id, label: n.label || n.id }));
  const branches = isTerminal(node) ? [] : [...branchesOf(node), undefined];
  const mine = problems.filter((p) => p.nodeId === node.id);
  const rename = (id: string) => {
    if (!IDENTIFIER.test(id) || definition.nodes.some((n) => n.id === id)) return;
    ops.updateNode(node.id, { ...node, id });
    onSelect(id);
  };
  return (
    <Stack gap="xs" data-testid="node-properties">
      <Group justify="space-between" gap="xs">
        <Badge variant="light">{t(`bots.types.${node.type}`)}</Badge>
        {definition.start === node.id ? (
          <Badge color="teal">{t("bots.start")}</Badge>
        ) : (
          <Button size="compact-xs" variant="light" onClick={() => ops.setStart(node.id)}>
            {t("bots.props.makeStart")}
          </Button>
        )}
      </Group>
      {mine.map((problem) => (
        <Text key={`${problem.code}${problem.detail ?? ""}`} size="sm" c="red.9" role="alert">
          ⚠ {problemText(problem)}
        </Text>
      ))}
      <CommitInput label={t("bots.props.id")} value={node.id} onCommit={rename} />
      <TextInput
        label={t("bots.props.label")}
        value={node.label ?? ""}
        onChange={(event) =>
          ops.updateNode(node.id, { ...node, label: event.currentTarget.value || undefined })
        }
      />
      <StepFields node={node} onChange={(next) => ops.updateNode(node.id, next)} />
      {branches.length ? (
        <>
          <Divider label={t("bots.props.connections")} labelPosition="left" />
          {branches.map((branch) => (
            <Select
              key={branch ?? "default"}
              label={branch ? t("bots.props.branch", { branch }) : t("bots.props.next")}
              data={others}
              clearable
              searchable
              value={definition.edges.find((e) => e.from === node.id && e.when === branch)?.to ?? null}
              onChange={(to) => ops.connect(node.id, branch, to)}
            />
          ))}
        </>
      ) : null}
      <Button
        variant="light"
        color="red"
        mt="sm"
        onClick={() => {
          ops.removeNode(node.id);
          onSelect(null);
        }}
      >
        {t("bots.props.remove")}
      </Button>
    </Stack>
  );
}
