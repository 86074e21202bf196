import { Group, Select, Stack, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber } from "../../api/types";
import { QueryState, TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { answer, useMoney, useMonthOptions } from "./shared";
import { SPEND_GROUPS, type SpendGroup, type SpendRow } from "./types";

/** Names for the keys of a grouping: numbers and templates by name, categories translated. */
function useKeyLabel(groupBy: SpendGroup) {
  const { t } = useTranslation();
  const format = useFormat();
  const numbers = useQuery({
    queryKey: ["phone-numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
    enabled: groupBy === "number",
  });
  const templates = useQuery({
    queryKey: ["templates", "all-names"],
    queryFn: () => unwrap(api.GET("/v1/templates", { params: { query: { limit: 100 } } })),
    enabled: groupBy === "template",
  });
  return (key: string) => {
    if (groupBy === "day") return format.date(`${key}T12:00:00Z`);
    if (groupBy === "category") return t(`billing.categories.${key}`);
    if (groupBy === "number") return numbers.data?.find((n) => n.id === key)?.displayPhoneNumber ?? key;
    if (groupBy === "template") {
      if (key === "none") return t("billing.noTemplate");
      const found = templates.data?.data.find((row) => row.id === key);
      return found ? `${found.name} (${found.language})` : key;
    }
    return key;
  };
}

/** What the month's charged messages cost, grouped by day, category, market, number or template. */
export function Spend({ currency }: { currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney();
  const months = useMonthOptions();
  const [month, setMonth] = useState(months[0]!.value);
  const [groupBy, setGroupBy] = useState<SpendGroup>("day");
  const label = useKeyLabel(groupBy);
  const spend = useQuery({
    queryKey: ["billing", "spend", month, groupBy],
    queryFn: () =>
      answer<{ data: SpendRow[] }>(api.GET("/v1/billing/spend", { params: { query: { month, groupBy } } })),
  });
  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <Select
          label={t("billing.month")}
          data={months}
          value={month}
          onChange={(value) => setMonth(value ?? months[0]!.value)}
          allowDeselect={false}
          w={220}
        />
        <Select
          label={t("billing.groupBy")}
          data={SPEND_GROUPS.map((group) => ({ value: group, label: t(`billing.groups.${group}`) }))}
          value={groupBy}
          onChange={(value) => setGroupBy((value as SpendGroup | null) ?? "day")}
          allowDeselect={false}
          w={200}
        />
      </Group>
      <QueryState query={spend} empty={(data) => data.data.length === 0}>
        {(data) => (
          <TableScroll label={t("billing.spend")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t(`billing.groups.${groupBy}`)}</Table.Th>
                  <Table.Th>{t("billing.messages")}</Table.Th>
                  <Table.Th>{t("billing.metaCost")}</Table.Th>
                  <Table.Th>{t("billing.markup")}</Table.Th>
                  <Table.Th>{t("billing.total")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>{label(row.key)}</Table.Td>
                    <Table.Td>{format.number(row.messages)}</Table.Td>
                    <Table.Td>{money(row.metaCost, currency, true)}</Table.Td>
                    <Table.Td>{money(row.markup, currency, true)}</Table.Td>
                    <Table.Td fw={600}>{money(row.total, currency, true)}</Table.Td>
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
