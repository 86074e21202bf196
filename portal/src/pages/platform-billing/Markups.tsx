import { Button, Group, NumberInput, Select, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { answer } from "../billing/shared";
import { MARKUP_CATEGORIES, type Markup } from "../billing/types";
import { useTenantWallets } from "./Tenants";

type MarkupCategory = (typeof MARKUP_CATEGORIES)[number];
/** Basis points as a percentage with two decimals, in integers only: 2050 -> "20.50". */
const percent = (bps: number) => `${Math.trunc(bps / 100)}.${String(bps % 100).padStart(2, "0")}`;

function MarkupRow({
  tenantId,
  category,
  own,
  inherited,
}: {
  tenantId: string;
  category: MarkupCategory;
  own: number | undefined;
  inherited: number;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<string | number>(own === undefined ? "" : percent(own));
  const save = useMutation({
    mutationFn: (basisPoints: number) =>
      unwrap(
        api.PUT("/v1/admin/billing/tenants/{tenantId}/markups/{category}", {
          params: { path: { tenantId, category } },
          body: { basisPoints },
        }),
      ),
    onSuccess: () => {
      notifySuccess(t("platformBilling.markupSaved"));
      void queryClient.invalidateQueries({ queryKey: ["platform-billing", "markups", tenantId] });
    },
  });
  // The percentage typed ("25" or "12.5") to basis points, by its digits (no float arithmetic).
  const bps = (() => {
    const match = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(String(value).trim());
    return match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : null;
  })();
  const label = category === "*" ? t("platformBilling.allCategories") : t(`billing.categories.${category}`);
  return (
    <Table.Tr>
      <Table.Td>{label}</Table.Td>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {own === undefined
            ? t("platformBilling.inherits", { percent: percent(inherited) })
            : `${percent(own)} %`}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <NumberInput
            aria-label={t("platformBilling.markupFor", { category: label })}
            value={value}
            onChange={setValue}
            min={0}
            max={1000}
            decimalScale={2}
            suffix=" %"
            w={110}
          />
          <Button
            size="xs"
            disabled={bps === null}
            loading={save.isPending}
            onClick={() => bps !== null && save.mutate(bps)}
          >
            {t("app.save")}
          </Button>
        </Group>
        <ProblemAlert error={save.error} />
      </Table.Td>
    </Table.Tr>
  );
}

/** A tenant's markup for all categories ("*") and per category; the platform's default otherwise. */
export function Markups() {
  const { t } = useTranslation();
  const tenants = useTenantWallets();
  const [tenantId, setTenantId] = useState<string | null>(null);
  const markups = useQuery({
    queryKey: ["platform-billing", "markups", tenantId],
    queryFn: () =>
      answer<{ data: Markup[]; defaultBasisPoints: number }>(
        api.GET("/v1/admin/billing/tenants/{tenantId}/markups", {
          params: { path: { tenantId: tenantId! } },
        }),
      ),
    enabled: tenantId !== null,
  });
  return (
    <Stack>
      <Select
        label={t("platformBilling.tenant")}
        placeholder={t("platformBilling.pickTenant")}
        searchable
        data={(tenants.data?.data ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))}
        value={tenantId}
        onChange={setTenantId}
        maw={360}
      />
      {tenantId && (
        <QueryState query={markups}>
          {(data) => {
            const own = new Map(data.data.map((row) => [row.category, row.basisPoints]));
            const all = own.get("*") ?? data.defaultBasisPoints;
            return (
              <>
                <Text size="sm" c="dimmed">
                  {t("platformBilling.markupDefault", { percent: percent(data.defaultBasisPoints) })}
                </Text>
                <TableScroll label={t("platformBilling.markups")}>
                  <Table striped>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>{t("billing.category")}</Table.Th>
                        <Table.Th>{t("platformBilling.inForce")}</Table.Th>
                        <Table.Th>{t("platformBilling.setMarkup")}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {MARKUP_CATEGORIES.map((category) => (
                        <MarkupRow
                          key={`${tenantId}-${category}`}
                          tenantId={tenantId}
                          category={category}
                          own={own.get(category)}
                          inherited={category === "*" ? data.defaultBasisPoints : all}
                        />
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              </>
            );
          }}
        </QueryState>
      )}
    </Stack>
  );
}
