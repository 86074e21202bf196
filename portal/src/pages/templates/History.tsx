import { Text, Timeline } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { TemplateStatus } from "../../api/types";
import { useFormat } from "../../i18n/format";

export interface HistoryEntry {
  actor: string;
  at: string;
  fromStatus: TemplateStatus | null;
  toStatus: TemplateStatus;
  reason: string | null;
  source: string;
}

/** A template's status changes, oldest first, with who made them and why. */
export function TemplateHistory({ history }: { history: HistoryEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Timeline bulletSize={12} lineWidth={2} active={history.length}>
      {history.map((entry) => (
        <Timeline.Item
          key={`${entry.at}-${entry.toStatus}`}
          title={t("review.historyEntry", {
            from: entry.fromStatus ? t(`templates.statuses.${entry.fromStatus}`) : "—",
            to: t(`templates.statuses.${entry.toStatus}`),
          })}
        >
          <Text size="xs" c="dimmed">
            {format.dateTime(entry.at)} · {entry.actor} · {entry.source}
          </Text>
          {entry.reason ? <Text size="sm">{entry.reason}</Text> : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
