import { BarChart, LineChart } from "@mantine/charts";
import {
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { PageHeader, QueryState } from "../../components/page";
import {
  analyticsUrl,
  BUCKETS,
  type Bucket,
  getAnalytics,
  type MessagesReport,
  type Totals,
  useAnalyticsFormat,
} from "./api";
import { BreakdownCard, PeopleTables } from "./ReportTables";

const DAY = 86_400_000;
const CATEGORIES = ["marketing", "utility", "authentication", "service"] as const;

/** "2026-11-30" for a local date, and the instant its local midnight is. */
const dayString = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
const startOf = (day: string) => new Date(`${day}T00:00:00`).toISOString();
const endOf = (day: string) => new Date(new Date(`${day}T00:00:00`).getTime() + DAY).toISOString();

/** The report's filters as the API's query (the range's end day is included). */
export type ReportFilters = Record<string, string | undefined>;

function useFilters() {
  const [range, setRange] = useState<[string | null, string | null]>([
    dayString(new Date(Date.now() - 6 * DAY)),
    dayString(new Date()),
  ]);
  const [bucket, setBucket] = useState<Bucket>("day");
  const [compare, setCompare] = useState(true);
  const [numberId, setNumberId] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [market, setMarket] = useState("");
  const [from, to] = range;
  const filters: ReportFilters = {
    from: from ? startOf(from) : undefined,
    to: to ? endOf(to) : from ? endOf(from) : undefined,
    number_id: numberId ?? undefined,
    category: category ?? undefined,
    market: market.trim() || undefined,
  };
  return {
    filters,
    state: { range, bucket, compare, numberId, category, market },
    set: { setRange, setBucket, setCompare, setNumberId, setCategory, setMarket },
  };
}

/** A total with the previous period's beside it and the change. */
function Compared({
  testId,
  label,
  now,
  before,
  rate,
}: {
  testId: string;
  label: string;
  now: number | null;
  before?: number | null;
  rate?: boolean;
}) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const show = (value: number | null | undefined) => (rate ? format.rate(value) : format.number(value));
  const change = before && now != null ? (now - before) / before : null;
  return (
    <Card withBorder padding="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {show(now)}
      </Text>
      {before !== undefined ? (
        <Text size="xs" c={change == null ? "dimmed" : change >= 0 ? "teal.8" : "red.8"}>
          {t("analytics.previous", { value: show(before) })}
          {change == null ? "" : ` (${change >= 0 ? "+" : ""}${format.rate(change)})`}
        </Text>
      ) : null}
    </Card>
  );
}

function TotalsGrid({ totals, previous, currency }: { totals: Totals; previous?: Totals; currency: string }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }}>
      <Compared testId="total-sent" label={t("analytics.sent")} now={totals.sent} before={previous?.sent} />
      <Compared
        testId="total-delivered"
        label={t("analytics.delivered")}
        now={totals.delivered}
        before={previous?.delivered}
      />
      <Compared testId="total-read" label={t("analytics.read")} now={totals.read} before={previous?.read} />
      <Compared
        testId="total-failed"
        label={t("analytics.failed")}
        now={totals.failed}
        before={previous?.failed}
      />
      <Compared
        testId="total-replies"
        label={t("analytics.replies")}
        now={totals.replies}
        before={previous?.replies}
      />
      <Compared
        testId="total-deliveryRate"
        label={t("analytics.deliveryRate")}
        now={totals.delivery_rate}
        before={previous?.delivery_rate}
        rate
      />
      <Compared
        testId="total-readRate"
        label={t("analytics.readRate")}
        now={totals.read_rate}
        before={previous?.read_rate}
        rate
      />
      <Card withBorder padding="sm">
        <Text size="sm" c="dimmed">
          {t("analytics.cost")}
        </Text>
        <Text fw={700} size="xl">
          {format.money(totals.cost_micros + totals.markup_micros, currency)}
        </Text>
      </Card>
    </SimpleGrid>
  );
}

/** Messages over a date range: buckets, filters, the previous period, breakdowns, agents, bots, CSV. */
export default function Reports() {
  const { t, i18n } = useTranslation();
  const { filters, state, set } = useFilters();
  const numbers = useQuery({
    queryKey: ["phone-numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
  });
  const messagesQuery = { ...filters, bucket: state.bucket, compare: state.compare ? "previous" : undefined };
  const report = useQuery({
    queryKey: ["analytics", "messages", messagesQuery],
    queryFn: () => getAnalytics<MessagesReport>("messages", messagesQuery),
  });
  const bucketLabel = (start: string) =>
    new Intl.DateTimeFormat(
      i18n.resolvedLanguage,
      state.bucket === "hour" ? { dateStyle: "short", timeStyle: "short" } : { dateStyle: "medium" },
    ).format(new Date(start));
  return (
    <>
      <PageHeader
        title={t("analytics.reports")}
        actions={
          <Button component={Link} to=".." relative="path" variant="subtle">
            {t("analytics.dashboard")}
          </Button>
        }
      />
      <Stack>
        <Group align="end" wrap="wrap">
          <DatePickerInput
            type="range"
            label={t("analytics.dates")}
            value={state.range}
            onChange={(value) => set.setRange(value as [string | null, string | null])}
            allowSingleDateInRange
            locale={i18n.resolvedLanguage}
            miw={240}
            data-testid="report-range"
          />
          <Select
            label={t("analytics.bucket")}
            data={BUCKETS.map((value) => ({ value, label: t(`analytics.buckets.${value}`) }))}
            value={state.bucket}
            onChange={(value) => set.setBucket((value as Bucket) ?? "day")}
            allowDeselect={false}
            w={140}
          />
          <Select
            label={t("analytics.number")}
            placeholder={t("app.all")}
            data={(numbers.data ?? []).map((number) => ({
              value: number.id,
              label: number.displayPhoneNumber,
            }))}
            value={state.numberId}
            onChange={set.setNumberId}
            clearable
            w={200}
          />
          <Select
            label={t("analytics.category")}
            placeholder={t("app.all")}
            data={CATEGORIES.map((value) => ({ value, label: t(`analytics.categories.${value}`) }))}
            value={state.category}
            onChange={set.setCategory}
            clearable
            w={180}
          />
          <TextInput
            label={t("analytics.market")}
            placeholder={t("app.all")}
            value={state.market}
            onChange={(event) => set.setMarket(event.currentTarget.value)}
            w={160}
          />
          <Checkbox
            label={t("analytics.compare")}
            checked={state.compare}
            onChange={(event) => set.setCompare(event.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <QueryState query={report}>
          {(data) => (
            <Stack>
              <TotalsGrid totals={data.totals} previous={data.previous?.totals} currency={data.currency} />
              <Card withBorder>
                <Group justify="space-between" mb="xs" wrap="wrap">
                  <Title order={2} size="h4">
                    {t("analytics.overTime")}
                  </Title>
                  <Anchor
                    href={analyticsUrl("messages.csv", messagesQuery)}
                    download
                    data-testid="messages-csv"
                  >
                    {t("analytics.downloadCsv")}
                  </Anchor>
                </Group>
                {data.buckets.length === 0 ? (
                  <Text c="dimmed">{t("app.empty")}</Text>
                ) : state.bucket === "hour" ? (
                  <LineChart
                    h={260}
                    data={data.buckets.map((row) => ({ ...row, start: bucketLabel(row.start) }))}
                    dataKey="start"
                    series={chartSeries(t)}
                    withLegend
                    withDots={false}
                  />
                ) : (
                  <BarChart
                    h={260}
                    data={data.buckets.map((row) => ({ ...row, start: bucketLabel(row.start) }))}
                    dataKey="start"
                    series={chartSeries(t)}
                    withLegend
                  />
                )}
              </Card>
            </Stack>
          )}
        </QueryState>
        <BreakdownCard filters={filters} />
        <PeopleTables filters={filters} />
      </Stack>
    </>
  );
}

function chartSeries(t: (key: string) => string) {
  return [
    { name: "sent", label: t("analytics.sent"), color: "blue.6" },
    { name: "delivered", label: t("analytics.delivered"), color: "teal.6" },
    { name: "read", label: t("analytics.read"), color: "grape.6" },
    { name: "failed", label: t("analytics.failed"), color: "red.6" },
  ];
}
