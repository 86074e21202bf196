import { Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { notifySuccess } from "../../components/notify";
import { QueryState } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { rollbackFlow, useFlowMutation, useVersions } from "./api";
import type { BotFlow } from "./model";

/** Published versions, newest first; a rollback runs an older one again and loads it as the draft. */
export function VersionsPanel({
  flow,
  onRolledBack,
}: {
  flow: BotFlow;
  onRolledBack: (flow: BotFlow) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useVersions(flow.id);
  const rollback = useFlowMutation(
    (version: number) => rollbackFlow(flow.id, version),
    (result) => {
      onRolledBack(result);
      notifySuccess(t("bots.rolledBack", { version: result.publishedVersion }));
    },
  );
  return (
    <Stack gap="xs">
      <ProblemAlert error={rollback.error} />
      <QueryState query={versions} empty={(data) => data.length === 0}>
        {(data) =>
          data.map((version) => (
            <Group
              key={version.version}
              justify="space-between"
              wrap="nowrap"
              data-testid={`version-${version.version}`}
            >
              <div style={{ minWidth: 0 }}>
                <Group gap={6}>
                  <Text fw={600}>v{version.version}</Text>
                  {version.version === flow.publishedVersion ? (
                    <Badge color="teal" size="sm">
                      {t("bots.live")}
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {format.dateTime(version.publishedAt)} · {version.publishedBy}
                </Text>
              </div>
              {version.version !== flow.publishedVersion ? (
                <Button
                  size="xs"
                  variant="light"
                  style={{ flexShrink: 0 }}
                  loading={rollback.isPending && rollback.variables === version.version}
                  onClick={() => rollback.mutate(version.version)}
                >
                  {t("bots.rollback")}
                </Button>
              ) : null}
            </Group>
          ))
        }
      </QueryState>
    </Stack>
  );
}
