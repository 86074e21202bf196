import "@xyflow/react/dist/style.css";
import { ActionIcon, Badge, Box, Button, Drawer, Group, Menu, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconArrowLeft, IconLayoutSidebarRight, IconPlus } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider } from "@xyflow/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { notifySuccess } from "../../components/notify";
import { QueryState } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { publishFlow, saveFlow, useFlow, useFlowMutation } from "./api";
import { EditorPanel, type PanelName } from "./EditorPanel";
import { FlowCanvas } from "./FlowCanvas";
import { type BotFlow, NODE_TYPES } from "./model";
import { useDraft } from "./useDraft";
import type { FlowProblem } from "./validate";

function Editor({ flow }: { flow: BotFlow }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const wide = useMediaQuery("(min-width: 62em)", true) ?? true;
  const draft = useDraft(flow.draft);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<PanelName>("node");
  const [drawer, setDrawer] = useState(false);
  const [published, setPublished] = useState(flow.publishedVersion);
  // On a phone the toolbar's four actions share one row.
  const buttonSize = wide ? "sm" : "xs";
  const problemText = (problem: FlowProblem) =>
    t(`bots.problems.${problem.code}`, { node: problem.nodeId ?? "", detail: problem.detail ?? "" });
  const select = (id: string | null) => {
    setSelected(id);
    if (id) {
      setTab("node");
      if (!wide) setDrawer(true);
    }
  };
  const saveDraft = async () => {
    if (!draft.dirty) return;
    await saveFlow(flow.id, { definition: draft.definition });
    draft.markSaved();
  };
  const save = useFlowMutation(saveDraft, () => notifySuccess(t("bots.saved")));
  const publish = useFlowMutation(
    async () => {
      await saveDraft();
      return publishFlow(flow.id);
    },
    (version) => {
      setPublished(version.version);
      notifySuccess(t("bots.published", { version: version.version }));
    },
  );
  const onRolledBack = (next: BotFlow) => {
    draft.reset(next.draft);
    setPublished(next.publishedVersion);
    queryClient.setQueryData(["bot-flows", flow.id], next);
  };
  const panel = (
    <EditorPanel
      flow={{ ...flow, publishedVersion: published }}
      draft={draft}
      tab={tab}
      onTab={setTab}
      selected={selected}
      onSelect={select}
      problemText={problemText}
      saveDraft={saveDraft}
      onRolledBack={onRolledBack}
      compact={!wide}
    />
  );
  return (
    <Box
      style={{
        display: "flex",
        flexDirection: "column",
        height: "calc(100dvh - 56px - 2 * var(--mantine-spacing-md))",
      }}
    >
      <Group justify="space-between" gap="xs" mb="xs" wrap="wrap">
        <Group gap="xs" wrap="wrap" style={{ minWidth: 0 }}>
          <ActionIcon component={Link} to="/bots" variant="subtle" aria-label={t("bots.back")}>
            <IconArrowLeft size={18} />
          </ActionIcon>
          <Title order={1} size="h3" style={{ minWidth: 0 }} lineClamp={1}>
            {flow.name}
          </Title>
          <Badge color={published ? "teal" : "gray"} variant="light" data-testid="published-version">
            {published ? t("bots.publishedVersion", { version: published }) : t("bots.unpublished")}
          </Badge>
          <Badge color={draft.problems.length ? "red" : "teal"} variant="light" data-testid="problem-count">
            {t("bots.problemCount", { count: draft.problems.length })}
          </Badge>
        </Group>
        <Group gap="xs">
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="light" size={buttonSize} leftSection={<IconPlus size={16} />}>
                {t("bots.addNode")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {NODE_TYPES.map((type) => (
                <Menu.Item key={type} onClick={() => select(draft.ops.addNode(type))}>
                  {t(`bots.types.${type}`)}
                </Menu.Item>
              ))}
            </Menu.Dropdown>
          </Menu>
          <Button
            variant="default"
            size={buttonSize}
            onClick={() => save.mutate(undefined)}
            loading={save.isPending}
          >
            {draft.dirty ? t("bots.save") : t("bots.savedShort")}
          </Button>
          <Button size={buttonSize} onClick={() => publish.mutate(undefined)} loading={publish.isPending}>
            {t("bots.publish")}
          </Button>
          {wide ? null : (
            <ActionIcon
              variant="light"
              size={30}
              aria-label={t("bots.openPanel")}
              onClick={() => setDrawer(true)}
            >
              <IconLayoutSidebarRight size={18} />
            </ActionIcon>
          )}
        </Group>
      </Group>
      <ProblemAlert error={save.error ?? publish.error} />
      <Box style={{ flex: 1, minHeight: 0, display: "flex", gap: "var(--mantine-spacing-sm)" }}>
        <Box
          style={{ flex: 1, minWidth: 0, border: "1px solid var(--mantine-color-gray-3)", borderRadius: 8 }}
        >
          <FlowCanvas draft={draft} problemText={problemText} selected={selected} onSelect={select} />
        </Box>
        {wide ? (
          <Box
            w={380}
            style={{ overflowY: "auto", flexShrink: 0 }}
            component="aside"
            aria-label={t("bots.panel")}
          >
            {panel}
          </Box>
        ) : null}
      </Box>
      {wide ? null : (
        <Drawer
          opened={drawer}
          onClose={() => setDrawer(false)}
          position="bottom"
          size="80%"
          title={t("bots.panel")}
          closeButtonProps={{ "aria-label": t("app.close") }}
        >
          {panel}
        </Drawer>
      )}
      <Text size="xs" c="dimmed" mt={4} visibleFrom="sm">
        {t("bots.canvasHint")}
      </Text>
    </Box>
  );
}

export default function FlowEditor() {
  const { id = "" } = useParams();
  const flow = useFlow(id);
  return (
    <QueryState query={flow}>
      {(data) => (
        <ReactFlowProvider>
          <Editor key={data.id} flow={data} />
        </ReactFlowProvider>
      )}
    </QueryState>
  );
}
