import { Anchor, Card, Group, SegmentedControl, Table, Title } from "@mantine/core";
import { type UseQueryResult, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
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

/** A column of a report table: the first names the row, the others are figures (right-aligned). */
interface Column<Row> {
  label: string;
  cell: (row: Row) => ReactNode;
}

/** A report's card: its title (and actions beside it), optional controls, and its rows as a table. */
function ReportTableCard<Row>({
  title,
  query,
  columns,
  rowKey,
  actions,
  controls,
  testId,
}: {
  title: string;
  query: UseQueryResult<{ rows: Row[] }>;
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  actions?: ReactNode;
  controls?: ReactNode;
  testId?: string;
}) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4">
          {title}
        </Title>
        {actions}
      </Group>
      {controls}
      <QueryState query={query} empty={(data) => data.rows.length === 0}>
        {(data) => (
          <TableScroll label={title}>
            <Table striped data-testid={testId}>
              <Table.Thead>
                <Table.Tr>
                  {columns.map((column, index) => (
                    <Table.Th key={column.label} ta={index === 0 ? undefined : "right"}>
                      {column.label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.rows.map((row) => (
                  <Table.Tr key={rowKey(row)}>
                    {columns.map((column, index) => (
                      <Table.Td key={column.label} ta={index === 0 ? undefined : "right"}>
                        {column.cell(row)}
                      </Table.Td>
                    ))}
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
  const count = (label: string, value: (row: BreakdownRow) => number): Column<BreakdownRow> => ({
    label,
    cell: (row) => format.number(value(row)),
  });
  return (
    <ReportTableCard
      title={t("analytics.breakdown")}
      query={breakdown}
      testId="breakdown-table"
      rowKey={(row) => row.key ?? "none"}
      actions={
        <Anchor href={analyticsUrl("breakdown.csv", query)} download data-testid="breakdown-csv">
          {t("analytics.downloadCsv")}
        </Anchor>
      }
      controls={
        <TableScroll label={t("analytics.dimension")}>
          <SegmentedControl
            mb="xs"
            value={dimension}
            onChange={(value) => setDimension(value as Dimension)}
            data={DIMENSIONS.map((value) => ({ value, label: t(`analytics.dimensions.${value}`) }))}
            aria-label={t("analytics.dimension")}
          />
        </TableScroll>
      }
      columns={[
        {
          label: t(`analytics.dimensions.${dimension}`),
          cell: (row) => row.label || row.key || t("analytics.unnamed"),
        },
        count(t("analytics.sent"), (row) => row.sent),
        count(t("analytics.delivered"), (row) => row.delivered),
        count(t("analytics.read"), (row) => row.read),
        count(t("analytics.failed"), (row) => row.failed),
      ]}
    />
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
      <ReportTableCard
        title={t("analytics.agents")}
        query={agents}
        rowKey={(row) => row.user_id}
        columns={[
          { label: t("analytics.agent"), cell: (row) => row.name || t("analytics.unnamed") },
          { label: t("analytics.handled"), cell: (row) => format.number(row.conversations_handled) },
          { label: t("analytics.firstResponse"), cell: (row) => format.seconds(row.first_response_p50_s) },
          { label: t("analytics.resolution"), cell: (row) => format.seconds(row.resolution_p50_s) },
          {
            label: t("analytics.csat"),
            cell: (row) => (row.csat_avg == null ? "—" : `${row.csat_avg.toFixed(1)} (${row.csat_count})`),
          },
        ]}
      />
      <ReportTableCard
        title={t("analytics.bots")}
        query={bots}
        rowKey={(row) => row.flow_id}
        columns={[
          { label: t("analytics.flow"), cell: (row) => row.name || t("analytics.unnamed") },
          { label: t("analytics.sessions"), cell: (row) => format.number(row.sessions) },
          { label: t("analytics.completions"), cell: (row) => format.number(row.completions) },
          { label: t("analytics.handovers"), cell: (row) => format.number(row.handovers) },
        ]}
      />
    </>
  );
}
