import { Anchor, Card, Group, SegmentedControl, Table, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryState, TableScroll } from "../../components/page";
import {
  type AgentRow,
  analyticsUrl,
  type BotRow,
  type BreakdownRow,
  DIMENSIONS,
  type Dimension,
  getAnalytics,
  useAnalyticsFormat,
} from "./api";
import type { ReportFilters } from "./Reports";

/** The period's messages per number, template, campaign, category, market or failure code. */
export function BreakdownCard({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const [dimension, setDimension] = useState<Dimension>("number");
  const query = { ...filters, dimension };
  const breakdown = useQuery({
    queryKey: ["analytics", "breakdown", query],
    queryFn: () => getAnalytics<{ rows: BreakdownRow[] }>("breakdown", query),
  });
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4">
          {t("analytics.breakdown")}
        </Title>
        <Anchor href={analyticsUrl("breakdown.csv", query)} download data-testid="breakdown-csv">
          {t("analytics.downloadCsv")}
        </Anchor>
      </Group>
      <TableScroll label={t("analytics.dimension")}>
        <SegmentedControl
          mb="xs"
          value={dimension}
          onChange={(value) => setDimension(value as Dimension)}
          data={DIMENSIONS.map((value) => ({ value, label: t(`analytics.dimensions.${value}`) }))}
          aria-label={t("analytics.dimension")}
        />
      </TableScroll>
      <QueryState query={breakdown} empty={(data) => data.rows.length === 0}>
        {(data) => (
          <TableScroll label={t("analytics.breakdown")}>
            <Table striped data-testid="breakdown-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`analytics.dimensions.${dimension}`)}</Table.Th>
                  <Table.Th ta="right">{t("analytics.sent")}</Table.Th>
                  <Table.Th ta="right">{t("analytics.delivered")}</Table.Th>
                  <Table.Th ta="right">{t("analytics.read")}</Table.Th>
                  <Table.Th ta="right">{t("analytics.failed")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((row) => (
                  <Table.Tr key={row.key ?? "none"}>
                    <Table.Td>{row.label || row.key || t("analytics.unnamed")}</Table.Td>
                    <Table.Td ta="right">{format.number(row.sent)}</Table.Td>
                    <Table.Td ta="right">{format.number(row.delivered)}</Table.Td>
                    <Table.Td ta="right">{format.number(row.read)}</Table.Td>
                    <Table.Td ta="right">{format.number(row.failed)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </QueryState>
    </Card>
  );
}

/** Agents (handled, median first response and resolution, CSAT) and bot flows over the period. */
export function PeopleTables({ filters }: { filters: ReportFilters }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const period = { from: filters.from, to: filters.to };
  const agents = useQuery({
    queryKey: ["analytics", "agents", period],
    queryFn: () => getAnalytics<{ rows: AgentRow[] }>("agents", period),
  });
  const bots = useQuery({
    queryKey: ["analytics", "bots", period],
    queryFn: () => getAnalytics<{ rows: BotRow[] }>("bots", period),
  });
  return (
    <>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t("analytics.agents")}
        </Title>
        <QueryState query={agents} empty={(data) => data.rows.length === 0}>
          {(data) => (
            <TableScroll label={t("analytics.agents")}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("analytics.agent")}</Table.Th>
                    <Table.Th ta="right">{t("analytics.handled")}</Table.Th>
                    <Table.Th ta="right">{t("analytics.firstResponse")}</Table.Th>
                    <Table.Th ta="right">{t("analytics.resolution")}</Table.Th>
                    <Table.Th ta="right">{t("analytics.csat")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((row) => (
                    <Table.Tr key={row.user_id}>
                      <Table.Td>{row.name || t("analytics.unnamed")}</Table.Td>
                      <Table.Td ta="right">{format.number(row.conversations_handled)}</Table.Td>
                      <Table.Td ta="right">{format.seconds(row.first_response_p50_s)}</Table.Td>
                      <Table.Td ta="right">{format.seconds(row.resolution_p50_s)}</Table.Td>
                      <Table.Td ta="right">
                        {row.csat_avg == null ? "—" : `${row.csat_avg.toFixed(1)} (${row.csat_count})`}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </QueryState>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t("analytics.bots")}
        </Title>
        <QueryState query={bots} empty={(data) => data.rows.length === 0}>
          {(data) => (
            <TableScroll label={t("analytics.bots")}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("analytics.flow")}</Table.Th>
                    <Table.Th ta="right">{t("analytics.sessions")}</Table.Th>
                    <Table.Th ta="right">{t("analytics.completions")}</Table.Th>
                    <Table.Th ta="right">{t("analytics.handovers")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.rows.map((row) => (
                    <Table.Tr key={row.flow_id}>
                      <Table.Td>{row.name || t("analytics.unnamed")}</Table.Td>
                      <Table.Td ta="right">{format.number(row.sessions)}</Table.Td>
                      <Table.Td ta="right">{format.number(row.completions)}</Table.Td>
                      <Table.Td ta="right">{format.number(row.handovers)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </QueryState>
      </Card>
    </>
  );
}
