import { Select, Stack, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { QueryState, TableScroll } from "../../components/page";
import { answer, useMoney, useMonthOptions } from "../billing/shared";
import type { Margin } from "../billing/types";

/** The platform's margin per tenant in a month: Meta's cost, the markup earned, the revenue. */
export function Margins() {
  const { t } = useTranslation();
  const money = useMoney();
  const months = useMonthOptions();
  const [month, setMonth] = useState(months[0]!.value);
  const margins = useQuery({
    queryKey: ["platform-billing", "margins", month],
    queryFn: () =>
      answer<{ data: Margin[] }>(api.GET("/v1/admin/billing/margins", { params: { query: { month } } })),
  });
  return (
    <Stack>
      <Select
        label={t("billing.month")}
        data={months}
        value={month}
        onChange={(value) => setMonth(value ?? months[0]!.value)}
        allowDeselect={false}
        w={220}
      />
      <QueryState query={margins} empty={(data) => data.data.length === 0}>
        {(data) => (
          <TableScroll label={t("platformBilling.margins")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("platformBilling.tenant")}</Table.Th>
                  <Table.Th>{t("billing.metaCost")}</Table.Th>
                  <Table.Th>{t("platformBilling.margin")}</Table.Th>
                  <Table.Th>{t("platformBilling.revenue")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.map((row) => (
                  <Table.Tr key={row.tenantId}>
                    <Table.Td>{row.tenant ?? row.tenantId}</Table.Td>
                    <Table.Td>{money(row.metaCost, row.currency, true)}</Table.Td>
                    <Table.Td fw={600}>{money(row.markup, row.currency, true)}</Table.Td>
                    <Table.Td>{money(row.revenue, row.currency, true)}</Table.Td>
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
