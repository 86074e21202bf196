import { Alert, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { QueryState, TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { PriceCheck } from "./PriceCheck";
import { answer, useMoney, useMonthOptions, useWallet } from "./shared";
import type { LedgerPage } from "./types";

function Figure({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={tone}>
        {value}
      </Text>
    </Card>
  );
}

/** The month's statement as CSV or PDF (the session cookie authorises the download). */
function Statements() {
  const { t } = useTranslation();
  const months = useMonthOptions();
  const [month, setMonth] = useState(months[0]!.value);
  const href = (format: "csv" | "pdf") => `/v1/billing/statements/${month}?format=${format}`;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("billing.statements")}
      </Title>
      <Group align="end" wrap="wrap">
        <Select
          label={t("billing.month")}
          data={months}
          value={month}
          onChange={(value) => setMonth(value ?? months[0]!.value)}
          allowDeselect={false}
          w={220}
        />
        <Button component="a" href={href("csv")} download variant="light">
          {t("billing.downloadCsv")}
        </Button>
        <Button component="a" href={href("pdf")} download variant="light">
          {t("billing.downloadPdf")}
        </Button>
      </Group>
    </Stack>
  );
}

/** The latest top-ups: the ledger's top_up postings with their wallet line. */
function TopUps({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const topUps = useQuery({
    queryKey: ["billing", "ledger", "top-ups"],
    queryFn: () =>
      answer<LedgerPage>(api.GET("/v1/billing/ledger", { params: { query: { kind: "top_up", limit: 10 } } })),
  });
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t("billing.topUps")}
      </Title>
      <QueryState query={topUps} empty={(page) => page.data.length === 0}>
        {(page) => (
          <TableScroll label={t("billing.topUps")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("billing.at")}</Table.Th>
                  <Table.Th>{t("billing.amount")}</Table.Th>
                  <Table.Th>{t("billing.reference")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.data.map((posting) => (
                  <Table.Tr key={posting.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(posting.createdAt)}</Table.Td>
                    <Table.Td>
                      {money(posting.lines.find((line) => line.account === "wallet")?.amount, currency)}
                    </Table.Td>
                    <Table.Td>{posting.reference ?? "—"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </QueryState>
    </Stack>
  );
}

/** Balance, credit limit and threshold, the latest top-ups, statements, and a price check. */
export function Wallet() {
  const { t } = useTranslation();
  const money = useMoney();
  const wallet = useWallet();
  return (
    <QueryState query={wallet}>
      {(data) =>
        !data.enforced ? (
          <Stack>
            <Alert color="gray">{t("billing.notEnforced")}</Alert>
            <PriceCheck />
          </Stack>
        ) : (
          <Stack gap="lg">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
              <Figure
                label={t("billing.balance")}
                value={money(data.balance, data.currency)}
                tone={data.lowBalance ? "orange.9" : undefined}
              />
              <Figure label={t("billing.creditLimit")} value={money(data.creditLimit, data.currency)} />
              <Figure
                label={t("billing.threshold")}
                value={data.lowBalanceThreshold ? money(data.lowBalanceThreshold, data.currency) : "—"}
              />
              <Figure label={t("billing.currency")} value={data.currency} />
            </SimpleGrid>
            <Text size="sm" c="dimmed">
              {t("billing.topUpHow")}
            </Text>
            <TopUps currency={data.currency} />
            <Statements />
            <PriceCheck />
          </Stack>
        )
      }
    </QueryState>
  );
}
