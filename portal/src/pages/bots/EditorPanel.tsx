import { Anchor, Stack, Tabs, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { AnalyticsPanel } from "./AnalyticsPanel";
import type { BotFlow } from "./model";
import { NodeProperties } from "./NodeProperties";
import { SettingsPanel } from "./SettingsPanel";
import { SimulatorPanel } from "./SimulatorPanel";
import type { Draft } from "./useDraft";
import { VersionsPanel } from "./VersionsPanel";
import type { FlowProblem } from "./validate";

export const PANELS = ["node", "settings", "simulator", "versions", "analytics"] as const;
export type PanelName = (typeof PANELS)[number];

/** The editor's side panel (a drawer on phones): node properties, settings, simulator, versions, analytics. */
export function EditorPanel({
  flow,
  draft,
  tab,
  onTab,
  selected,
  onSelect,
  problemText,
  saveDraft,
  onRolledBack,
  compact = false,
}: {
  flow: BotFlow;
  draft: Draft;
  tab: PanelName;
  onTab: (tab: PanelName) => void;
  selected: string | null;
  onSelect: (id: string | null) => void;
  problemText: (problem: FlowProblem) => string;
  saveDraft: () => Promise<void>;
  onRolledBack: (flow: BotFlow) => void;
  /** A phone's drawer: the tabs share one row (they still wrap when a language's words are longer). */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Tabs value={tab} onChange={(value) => value && onTab(value as PanelName)} keepMounted={false}>
      <Tabs.List grow={compact}>
        {PANELS.map((name) => (
          <Tabs.Tab key={name} value={name} px={compact ? 6 : "xs"} fz={compact ? 13 : undefined}>
            {t(`bots.panels.${name}`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Tabs.Panel value="node" pt="sm">
        {selected ? (
          <NodeProperties draft={draft} nodeId={selected} onSelect={onSelect} problemText={problemText} />
        ) : (
          <Stack gap="xs" data-testid="problems">
            <Text size="sm" c="dimmed">
              {t("bots.selectHint")}
            </Text>
            {draft.problems.length === 0 ? (
              <Text size="sm" c="teal.9">
                {t("bots.noProblems")}
              </Text>
            ) : (
              draft.problems.map((problem) => (
                <Anchor
                  key={`${problem.code}:${problem.nodeId ?? ""}:${problem.detail ?? ""}`}
                  component="button"
                  type="button"
                  size="sm"
                  c="red.9"
                  ta="left"
                  onClick={() => problem.nodeId && onSelect(problem.nodeId)}
                >
                  ⚠ {problemText(problem)}
                </Anchor>
              ))
            )}
          </Stack>
        )}
      </Tabs.Panel>
      <Tabs.Panel value="settings" pt="sm">
        <SettingsPanel flow={flow} />
      </Tabs.Panel>
      <Tabs.Panel value="simulator" pt="sm">
        <SimulatorPanel flowId={flow.id} beforeRun={saveDraft} />
      </Tabs.Panel>
      <Tabs.Panel value="versions" pt="sm">
        <VersionsPanel flow={flow} onRolledBack={onRolledBack} />
      </Tabs.Panel>
      <Tabs.Panel value="analytics" pt="sm">
        <AnalyticsPanel flowId={flow.id} />
      </Tabs.Panel>
    </Tabs>
  );
}
