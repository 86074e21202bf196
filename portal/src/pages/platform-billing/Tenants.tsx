import { Button, Group, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { answer, useMoney } from "../billing/shared";
import type { TenantWallet } from "../billing/types";

export function useTenantWallets() {
  return useQuery({
    queryKey: ["platform-billing", "tenants"],
    queryFn: () => answer<{ data: TenantWallet[] }>(api.GET("/v1/admin/billing/tenants")),
  });
}

/** A top-up credited once per reference (an invoice or a bank transfer's id). */
function TopUpForm({ tenant, onDone }: { tenant: TenantWallet; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: { amount: "", reference: "" },
    validate: {
      amount: (value) => (/^\d+(\.\d{1,6})?$/.test(value.trim()) ? null : t("platformBilling.amountInvalid")),
      reference: (value) => (value.trim() ? null : t("platformBilling.referenceRequired")),
    },
  });
  const topUp = useMutation({
    mutationFn: (values: typeof form.values) =>
      unwrap(
        api.POST("/v1/admin/billing/tenants/{tenantId}/top-ups", {
          params: { path: { tenantId: tenant.id } },
          body: { amount: values.amount.trim(), reference: values.reference.trim() },
        }),
      ) as Promise<unknown> as Promise<{ credited: boolean }>,
    onSuccess: (result) => {
      notifySuccess(t(result.credited ? "platformBilling.credited" : "platformBilling.replayed"));
      void queryClient.invalidateQueries({ queryKey: ["platform-billing"] });
      void queryClient.invalidateQueries({ queryKey: ["billing"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => topUp.mutate(values))} noValidate>
      <Stack>
        <TextInput
          label={t("billing.amount")}
          required
          inputMode="decimal"
          {...form.getInputProps("amount")}
        />
        <TextInput label={t("billing.reference")} required {...form.getInputProps("reference")} />
        <ProblemAlert error={topUp.error} />
        <Button type="submit" loading={topUp.isPending} w="fit-content">
          {t("platformBilling.credit")}
        </Button>
      </Stack>
    </form>
  );
}

/** Opens a wallet (billing then applies to the tenant's sends) or changes its limits. */
function WalletForm({ tenant, onDone }: { tenant: TenantWallet; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = tenant.wallet.enforced ? tenant.wallet : null;
  const form = useForm({
    initialValues: {
      currency: current?.currency ?? "USD",
      creditLimit: current?.creditLimit ?? "0",
      lowBalanceThreshold: current?.lowBalanceThreshold ?? "",
    },
  });
  const save = useMutation({
    mutationFn: (values: typeof form.values) =>
      unwrap(
        api.PUT("/v1/admin/billing/tenants/{tenantId}/wallet", {
          params: { path: { tenantId: tenant.id } },
          body: {
            ...(current ? {} : { currency: values.currency.trim().toUpperCase() }),
            creditLimit: values.creditLimit.trim() || "0",
            lowBalanceThreshold: values.lowBalanceThreshold.trim() || null,
          },
        }),
      ),
    onSuccess: () => {
      notifySuccess(t("platformBilling.walletSaved"));
      void queryClient.invalidateQueries({ queryKey: ["platform-billing"] });
      void queryClient.invalidateQueries({ queryKey: ["billing"] });
      onDone();
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => save.mutate(values))} noValidate>
      <Stack>
        <TextInput label={t("billing.currency")} disabled={!!current} {...form.getInputProps("currency")} />
        <TextInput
          label={t("billing.creditLimit")}
          inputMode="decimal"
          {...form.getInputProps("creditLimit")}
        />
        <TextInput
          label={t("billing.threshold")}
          inputMode="decimal"
          {...form.getInputProps("lowBalanceThreshold")}
        />
        <ProblemAlert error={save.error} />
        <Button type="submit" loading={save.isPending} w="fit-content">
          {t("app.save")}
        </Button>
      </Stack>
    </form>
  );
}

/** Every tenant with its wallet; top-ups and wallet settings in a dialog. */
export function Tenants() {
  const { t } = useTranslation();
  const money = useMoney();
  const tenants = useTenantWallets();
  const [open, setOpen] = useState<{ tenant: TenantWallet; action: "topUp" | "wallet" } | null>(null);
  const close = () => setOpen(null);
  return (
    <QueryState query={tenants} empty={(data) => data.data.length === 0}>
      {(data) => (
        <>
          <TableScroll label={t("platformBilling.tenants")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("platformBilling.tenant")}</Table.Th>
                  <Table.Th>{t("billing.balance")}</Table.Th>
                  <Table.Th>{t("billing.creditLimit")}</Table.Th>
                  <Table.Th>{t("platformBilling.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.map((tenant) => {
                  const wallet = tenant.wallet.enforced ? tenant.wallet : null;
                  return (
                    <Table.Tr key={tenant.id}>
                      <Table.Td>
                        {tenant.name}
                        <div style={{ fontSize: "var(--mantine-font-size-xs)" }}>{tenant.slug}</div>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {wallet ? money(wallet.balance, wallet.currency) : t("platformBilling.noWallet")}{" "}
                        {wallet?.lowBalance && (
                          <Text span c="red.9" fw={700} size="xs" tt="uppercase">
                            {t("platformBilling.low")}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{wallet ? money(wallet.creditLimit, wallet.currency) : "—"}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {wallet && (
                            <Button size="xs" onClick={() => setOpen({ tenant, action: "topUp" })}>
                              {t("platformBilling.topUp")}
                            </Button>
                          )}
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setOpen({ tenant, action: "wallet" })}
                          >
                            {wallet ? t("platformBilling.settings") : t("platformBilling.openWallet")}
                          </Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Modal
            opened={open !== null}
            onClose={close}
            title={
              open
                ? `${t(open.action === "topUp" ? "platformBilling.topUp" : "platformBilling.settings")}: ${open.tenant.name}`
                : ""
            }
          >
            {open?.action === "topUp" && <TopUpForm tenant={open.tenant} onDone={close} />}
            {open?.action === "wallet" && <WalletForm tenant={open.tenant} onDone={close} />}
          </Modal>
        </>
      )}
    </QueryState>
  );
}
