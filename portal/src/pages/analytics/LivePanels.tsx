import { Card, Progress, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { TableScroll } from "../../components/page";
import { type LiveDashboard, useAnalyticsFormat } from "./api";

/** Today's failures by Meta's error code, explained with the inbox's words for each code. */
export function Failures({ rows }: { rows: LiveDashboard["failures_by_reason"] }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("analytics.failuresByReason")}
      </Title>
      {rows.length === 0 ? (
        <Text c="dimmed">{t("analytics.noFailures")}</Text>
      ) : (
        <TableScroll label={t("analytics.failuresByReason")}>
          <Table>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.error_code}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {row.error_code}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`inbox.errors.${row.error_code}`, { defaultValue: t("inbox.errors.unknown") })}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{format.number(row.failed)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Card>
  );
}

const shareColor = (share: number) => (share >= 0.9 ? "red" : share >= 0.7 ? "yellow" : "teal");

/** Each number's busiest minute against its throughput, and the portfolio's 24 hours against its limit. */
export function NumbersUse({
  numbers,
  limit,
}: {
  numbers: LiveDashboard["numbers"];
  limit: LiveDashboard["messaging_limit"];
}) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("analytics.throughput")}
      </Title>
      <Stack gap="sm">
        <div>
          <Text size="sm">
            {limit.limit == null
              ? t("analytics.portfolioUnlimited", { sent: format.number(limit.sent_24h) })
              : t("analytics.portfolioLimit", {
                  sent: format.number(limit.sent_24h),
                  limit: format.number(limit.limit),
                })}
          </Text>
          {limit.use != null ? (
            <Progress
              value={Math.min(100, limit.use * 100)}
              color={shareColor(limit.use)}
              aria-label={t("analytics.portfolio")}
            />
          ) : null}
        </div>
        {numbers.length === 0 ? <Text c="dimmed">{t("analytics.noNumbers")}</Text> : null}
        {numbers.map((number) => (
          <div key={number.phone_number_id}>
            <Text size="sm">
              {t("analytics.numberUse", {
                number: number.display_phone_number,
                tier: number.tier ?? "—",
                peak: format.number(number.peak_minute_sent),
                capacity: format.number(number.throughput_per_second * 60),
              })}
            </Text>
            <Progress
              value={Math.min(100, number.throughput_use * 100)}
              color={shareColor(number.throughput_use)}
              aria-label={number.display_phone_number}
            />
          </div>
        ))}
      </Stack>
    </Card>
  );
}
