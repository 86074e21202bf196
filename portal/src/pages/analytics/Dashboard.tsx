import { AreaChart } from "@mantine/charts";
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader, QueryState } from "../../components/page";
import {
  analyticsKeys,
  getAnalytics,
  type LiveDashboard,
  useAnalyticsFormat,
  useAnalyticsStream,
} from "./api";
import { Failures, NumbersUse } from "./LivePanels";
import { Recommendations } from "./Recommendations";

function Stat({
  label,
  value,
  hint,
  testId,
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
}) {
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Card>
  );
}

/** Today's figures and the last hour per minute, fetched again on every `analytics.updated`. */
export default function Dashboard() {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const live = useAnalyticsStream();
  const query = useQuery({
    queryKey: analyticsKeys.live,
    queryFn: () => getAnalytics<LiveDashboard>("live"),
    // The stream says when something changed; the timer only covers a lost event.
    refetchInterval: 30_000,
  });
  return (
    <>
      <PageHeader
        title={t("analytics.dashboard")}
        actions={
          <>
            <Badge color={live ? "teal" : "gray"} variant="light" data-testid="live-state">
              {live ? t("analytics.live") : t("analytics.connecting")}
            </Badge>
            <Button component={Link} to="reports" variant="light">
              {t("analytics.reports")}
            </Button>
          </>
        }
      />
      <QueryState query={query}>
        {(data) => (
          <Stack>
            <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }}>
              <Stat testId="today-sent" label={t("analytics.sent")} value={format.number(data.today.sent)} />
              <Stat
                testId="today-delivered"
                label={t("analytics.delivered")}
                value={format.number(data.today.delivered)}
              />
              <Stat testId="today-read" label={t("analytics.read")} value={format.number(data.today.read)} />
              <Stat
                testId="today-failed"
                label={t("analytics.failed")}
                value={format.number(data.today.failed)}
              />
              <Stat
                testId="delivery-rate"
                label={t("analytics.deliveryRate")}
                value={format.rate(data.today.delivery_rate)}
              />
              <Stat
                testId="read-rate"
                label={t("analytics.readRate")}
                value={format.rate(data.today.read_rate)}
              />
            </SimpleGrid>
            <Card withBorder>
              <Title order={2} size="h4" mb="xs">
                {t("analytics.lastHour")}
              </Title>
              <AreaChart
                h={220}
                data={data.per_minute.map((point) => ({
                  ...point,
                  minute: new Date(point.minute).toLocaleTimeString([], {
                    hour: "2-digit",
                    minute: "2-digit",
                  }),
                }))}
                dataKey="minute"
                series={[
                  { name: "sent", label: t("analytics.sent"), color: "blue.6" },
                  { name: "delivered", label: t("analytics.delivered"), color: "teal.6" },
                  { name: "read", label: t("analytics.read"), color: "grape.6" },
                ]}
                curveType="monotone"
                withLegend
                withDots={false}
              />
            </Card>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Stat
                testId="spend-today"
                label={t("analytics.spendToday")}
                value={format.money(data.spend.today_micros, data.spend.currency)}
                hint={t("analytics.balance", {
                  balance: format.money(data.spend.balance_micros, data.spend.currency),
                })}
              />
              <Stat
                testId="inbox-open"
                label={t("analytics.inboxOpen")}
                value={format.number(data.inbox.open)}
                hint={t("analytics.inboxHint", {
                  unassigned: format.number(data.inbox.unassigned),
                  waiting: format.seconds(data.inbox.oldestWaitingSeconds),
                })}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <Failures rows={data.failures_by_reason} />
              <NumbersUse numbers={data.numbers} limit={data.messaging_limit} />
            </SimpleGrid>
            <Recommendations />
            <Group justify="flex-end">
              <Text size="xs" c="dimmed" data-testid="live-at">
                {t("analytics.updatedAt", { time: format.dateTime(data.at) })}
              </Text>
            </Group>
          </Stack>
        )}
      </QueryState>
    </>
  );
}
