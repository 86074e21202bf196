import { LineChart } from "@mantine/charts";
import { Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";
import type { HealthEntity, NumberStatus } from "./lifecycle";

const QUALITY = ["UNKNOWN", "RED", "YELLOW", "GREEN"];
const TIERS = ["TIER_50", "TIER_250", "TIER_1K", "TIER_2K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED"];
const SEND_COLOR: Record<string, string> = { AVAILABLE: "teal", LIMITED: "yellow", BLOCKED: "red" };

interface HistoryRow {
  qualityRating: string;
  messagingLimitTier: string | null;
  at: string;
}

export function SendBadge({ value }: { value: string | undefined }) {
  const { t } = useTranslation();
  return (
    <Badge color={SEND_COLOR[value ?? ""] ?? "gray"} variant="light">
      {value ? t(`numberLife.canSend.${value}`, { defaultValue: value }) : "—"}
    </Badge>
  );
}

/** Meta's health_status: whether the number can send, and which entity (number, WABA, business, app) limits it. */
export function HealthStatus({ number }: { number: NumberStatus }) {
  const { t } = useTranslation();
  const health = number.meta.health_status;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {t("numberLife.health")}
          </Title>
          <SendBadge value={health?.can_send_message} />
        </Group>
        <TableScroll label={t("numberLife.health")}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("numberLife.entity")}</Table.Th>
                <Table.Th>{t("numberLife.entityId")}</Table.Th>
                <Table.Th>{t("numberLife.canSendLabel")}</Table.Th>
                <Table.Th>{t("numberLife.why")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(health?.entities ?? []).map((entity: HealthEntity) => (
                <Table.Tr key={entity.entity_type + entity.id}>
                  <Table.Td>
                    {t(`numberLife.entities.${entity.entity_type}`, { defaultValue: entity.entity_type })}
                  </Table.Td>
                  <Table.Td>{entity.id}</Table.Td>
                  <Table.Td>
                    <SendBadge value={entity.can_send_message} />
                  </Table.Td>
                  <Table.Td>
                    {(entity.errors ?? []).map((error) => (
                      <Text key={error.error_code} size="sm">
                        {error.error_code}: {error.error_description}
                        {error.possible_solution ? ` ${error.possible_solution}` : ""}
                      </Text>
                    ))}
                    {(entity.additional_info ?? []).map((info) => (
                      <Text key={info} size="sm" c="dimmed">
                        {info}
                      </Text>
                    ))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Stack>
    </Card>
  );
}

/** Quality rating and messaging limit over time, as step charts (each change is one point). */
export function HealthHistory({ number }: { number: NumberStatus }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useQuery({
    queryKey: ["phone-number-history", number.id],
    queryFn: async () =>
      (
        (await unwrap(
          api.GET("/v1/phone-numbers/{id}/history", { params: { path: { id: number.id }, query: {} } }),
        )) as unknown as {
          data: HistoryRow[];
        }
      ).data,
  });
  const rows = [
    ...(history.data ?? []),
    {
      qualityRating: number.qualityRating,
      messagingLimitTier: number.messagingLimitTier,
      at: new Date().toISOString(),
    },
  ];
  const data = rows.map((row) => ({
    at: format.dateTime(row.at),
    quality: QUALITY.indexOf(row.qualityRating),
    tier: TIERS.indexOf(row.messagingLimitTier ?? ""),
  }));
  return (
    <Card withBorder data-testid="health-history">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("numberLife.history")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("numberLife.historyHelp", { count: history.data?.length ?? 0 })}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <div>
            <Text size="sm" fw={600}>
              {t("numberLife.qualityChart")}
            </Text>
            <LineChart
              h={180}
              data={data}
              dataKey="at"
              curveType="stepAfter"
              series={[{ name: "quality", label: t("numbers.quality"), color: "teal.7" }]}
              yAxisProps={{ domain: [0, 3], ticks: [0, 1, 2, 3], width: 80 }}
              valueFormatter={(value) => QUALITY[value] ?? "—"}
            />
          </div>
          <div>
            <Text size="sm" fw={600}>
              {t("numberLife.tierChart")}
            </Text>
            <LineChart
              h={180}
              data={data}
              dataKey="at"
              curveType="stepAfter"
              series={[{ name: "tier", label: t("numbers.tier"), color: "blue.7" }]}
              yAxisProps={{
                domain: [0, TIERS.length - 1],
                ticks: TIERS.map((_, index) => index),
                width: 110,
              }}
              valueFormatter={(value) => TIERS[value] ?? "—"}
            />
          </div>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
