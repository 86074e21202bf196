import { Badge, Group, MultiSelect, Stack, Table, Text } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { LoadMore, QueryState, TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { answer, useMoney } from "./shared";
import { type LedgerPage, POSTING_KINDS, type Posting } from "./types";

const PAGE = 25;

/** A day "2026-11-03" as the start of that day, or of the next one (an inclusive range's end), UTC. */
const dayStart = (day: string, next = false) => {
  const date = new Date(`${day}T00:00:00Z`);
  if (next) date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString();
};

function PostingRow({ posting, currency }: { posting: Posting; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const wallet = posting.lines.find((line) => line.account === "wallet");
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(posting.createdAt)}</Table.Td>
      <Table.Td>
        <Badge variant="light">{t(`billing.kinds.${posting.kind}`)}</Badge>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        {wallet ? money(wallet.amount, currency, true) : "—"}
      </Table.Td>
      <Table.Td>
        <Stack gap={0}>
          {posting.lines.map((line) => (
            <Text key={line.account} size="xs" style={{ whiteSpace: "nowrap" }}>
              {t(`billing.accounts.${line.account}`)}: {money(line.amount, currency, true)}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      {/* A width of its own: squeezed by the table on a phone, a message id broke into a line per few characters. */}
      <Table.Td style={{ wordBreak: "break-word", minWidth: "16rem" }}>
        {posting.reference ?? posting.reason ?? posting.messageId ?? "—"}
        <Text size="xs" c="dimmed">
          {posting.author}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** The ledger, newest first, filtered by kind and dates, a page at a time. */
export function Ledger({ currency }: { currency: string }) {
  const { t, i18n } = useTranslation();
  const [kinds, setKinds] = useState<string[]>([]);
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const [from, to] = range;
  const ledger = useInfiniteQuery({
    queryKey: ["billing", "ledger", kinds, from, to],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      answer<LedgerPage>(
        api.GET("/v1/billing/ledger", {
          params: {
            query: {
              limit: PAGE,
              ...(kinds.length ? { kind: kinds.join(",") } : {}),
              ...(from ? { from: dayStart(from) } : {}),
              ...(to ? { to: dayStart(to, true) } : {}),
              ...(pageParam ? { cursor: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <MultiSelect
          label={t("billing.kind")}
          placeholder={t("app.all")}
          data={POSTING_KINDS.map((kind) => ({ value: kind, label: t(`billing.kinds.${kind}`) }))}
          value={kinds}
          onChange={setKinds}
          clearable
          miw={220}
        />
        <DatePickerInput
          type="range"
          label={t("billing.dates")}
          placeholder={t("app.all")}
          value={range}
          onChange={(value) => setRange(value as [string | null, string | null])}
          clearable
          allowSingleDateInRange
          locale={i18n.resolvedLanguage}
          miw={240}
        />
      </Group>
      <QueryState query={ledger} empty={(data) => data.pages[0]?.data.length === 0}>
        {(data) => (
          <TableScroll label={t("billing.ledger")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("billing.at")}</Table.Th>
                  <Table.Th>{t("billing.kind")}</Table.Th>
                  <Table.Th>{t("billing.walletMovement")}</Table.Th>
                  <Table.Th>{t("billing.lines")}</Table.Th>
                  <Table.Th>{t("billing.reference")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((page) => page.data)
                  .map((posting) => (
                    <PostingRow key={posting.id} posting={posting} currency={currency} />
                  ))}
              </Table.Tbody>
            </Table>
            <LoadMore query={ledger} />
          </TableScroll>
        )}
      </QueryState>
    </Stack>
  );
}
