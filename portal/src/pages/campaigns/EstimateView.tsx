import { Card, SimpleGrid, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Estimate } from "./model";
import { microsDecimal, useCampaignMoney } from "./money";

/** Before launch: audience, exclusions by reason, cost by market, wallet and messaging budget. */
export function EstimateView({ estimate }: { estimate: Estimate }) {
  const { t } = useTranslation();
  const { cost } = estimate;
  const money = useCampaignMoney();
  const micros = (value: number | null) =>
    value === null ? "—" : money(microsDecimal(value), cost.currency, true);
  const stat = (label: string, value: string | number, testId?: string) => (
    <Card withBorder>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
  return (
    <>
      <Title order={2} size="h3">
        {t("campaigns.estimate")}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        {stat(t("campaigns.counters.audience"), estimate.audience, "estimate-audience")}
        {stat(t("campaigns.sendable"), estimate.sendable, "estimate-sendable")}
        {stat(t("campaigns.total"), money(cost.total, cost.currency), "estimate-total")}
        {stat(t("campaigns.budget"), estimate.budget.remaining ?? t("campaigns.unlimited"))}
      </SimpleGrid>
      {cost.available !== null ? (
        <Text size="sm">
          {t("campaigns.wallet")}: {money(cost.available, cost.currency)}
        </Text>
      ) : null}
      <Text size="sm" c="dimmed">
        {t("campaigns.minimumTime", { seconds: estimate.minimumSeconds })}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("campaigns.excluded")}</Table.Th>
              <Table.Th ta="right">{t("campaigns.count")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(estimate.excluded).map(([reason, count]) => (
              <Table.Tr key={reason}>
                <Table.Td>{t(`campaigns.reasons.${reason}`, reason)}</Table.Td>
                <Table.Td ta="right" data-testid={`excluded-${reason}`}>
                  {count}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("campaigns.market")}</Table.Th>
              <Table.Th ta="right">{t("campaigns.count")}</Table.Th>
              <Table.Th ta="right">{t("campaigns.unit")}</Table.Th>
              <Table.Th ta="right">{t("campaigns.total")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cost.markets.map((line) => (
              <Table.Tr key={line.market}>
                <Table.Td>{line.marketName}</Table.Td>
                <Table.Td ta="right">{line.count}</Table.Td>
                <Table.Td ta="right">{micros(line.unitMicros)}</Table.Td>
                <Table.Td ta="right">{micros(line.totalMicros)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SimpleGrid>
    </>
  );
}
