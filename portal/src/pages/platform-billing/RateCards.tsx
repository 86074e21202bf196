import {
  Button,
  FileInput,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { answer, useMoney } from "../billing/shared";
import type { Rate, RateCard } from "../billing/types";

/** Imports Meta's CSV (and its volume tier CSV) as a new version: cards are never edited. */
function ImportCard() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<{
    csv: File | null;
    tiers: File | null;
    currency: string;
    effectiveFrom: string;
    source: string;
  }>({
    initialValues: { csv: null, tiers: null, currency: "USD", effectiveFrom: "", source: "" },
    validate: {
      csv: (file) => (file ? null : t("platformBilling.csvRequired")),
      effectiveFrom: (value) =>
        /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : t("platformBilling.dateRequired"),
      source: (value) => (value.trim() ? null : t("platformBilling.sourceRequired")),
    },
  });
  const importCard = useMutation({
    mutationFn: async (values: typeof form.values) =>
      unwrap(
        api.POST("/v1/admin/billing/rate-cards", {
          body: {
            csv: await values.csv!.text(),
            ...(values.tiers ? { tiersCsv: await values.tiers.text() } : {}),
            currency: values.currency.trim().toUpperCase(),
            effectiveFrom: values.effectiveFrom,
            source: values.source.trim(),
          },
        }),
      ),
    onSuccess: () => {
      notifySuccess(t("platformBilling.imported"));
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ["platform-billing", "rate-cards"] });
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => importCard.mutate(values))} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("platformBilling.importCard")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("platformBilling.importHelp")}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FileInput
            label={t("platformBilling.csv")}
            accept=".csv,text/csv"
            required
            clearable
            {...form.getInputProps("csv")}
          />
          <FileInput
            label={t("platformBilling.tiersCsv")}
            accept=".csv,text/csv"
            clearable
            {...form.getInputProps("tiers")}
          />
          <TextInput label={t("billing.currency")} required {...form.getInputProps("currency")} />
          <TextInput
            label={t("platformBilling.effectiveFrom")}
            type="date"
            required
            {...form.getInputProps("effectiveFrom")}
          />
        </SimpleGrid>
        <TextInput
          label={t("platformBilling.source")}
          required
          placeholder="https://developers.facebook.com/…"
          {...form.getInputProps("source")}
        />
        <ProblemAlert error={importCard.error} />
        <Button type="submit" loading={importCard.isPending} w="fit-content">
          {t("platformBilling.import")}
        </Button>
      </Stack>
    </form>
  );
}

/** One card's rates, by market and category. */
function BrowseCard({ card }: { card: RateCard }) {
  const { t } = useTranslation();
  const money = useMoney();
  const [market, setMarket] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const rates = useQuery({
    queryKey: ["platform-billing", "rate-cards", card.id],
    queryFn: () =>
      answer<{ data: Rate[] }>(
        api.GET("/v1/billing/rate-cards/{id}/rates", { params: { path: { id: card.id } } }),
      ),
  });
  const rows = rates.data?.data ?? [];
  const markets = [...new Map(rows.map((row) => [row.market, row.marketName])).entries()];
  const shown = rows.filter(
    (row) => (!market || row.market === market) && (!category || row.category === category),
  );
  return (
    <Stack gap="sm">
      <Group align="end" wrap="wrap">
        <Select
          label={t("platformBilling.market")}
          placeholder={t("app.all")}
          searchable
          clearable
          data={markets.map(([value, label]) => ({ value, label }))}
          value={market}
          onChange={setMarket}
          w={240}
        />
        <Select
          label={t("billing.category")}
          placeholder={t("app.all")}
          clearable
          data={[...new Set(rows.map((row) => row.category))].map((value) => ({
            value,
            label: t(`billing.categories.${value}`),
          }))}
          value={category}
          onChange={setCategory}
          w={240}
        />
      </Group>
      <QueryState query={rates} empty={() => shown.length === 0}>
        {() => (
          <TableScroll label={t("platformBilling.rates")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("platformBilling.market")}</Table.Th>
                  <Table.Th>{t("billing.category")}</Table.Th>
                  <Table.Th>{t("platformBilling.tierFrom")}</Table.Th>
                  <Table.Th>{t("platformBilling.rate")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((row) => (
                  <Table.Tr key={`${row.market}/${row.category}/${row.tierFrom}`}>
                    <Table.Td>{row.marketName}</Table.Td>
                    <Table.Td>{t(`billing.categories.${row.category}`)}</Table.Td>
                    <Table.Td>{row.tierFrom}</Table.Td>
                    <Table.Td>{money(row.rate, card.currency, true)}</Table.Td>
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

/** Import a card, list the versions, browse one by market and category. */
export function RateCards() {
  const { t } = useTranslation();
  const format = useFormat();
  const [browsing, setBrowsing] = useState<string | null>(null);
  const cards = useQuery({
    queryKey: ["platform-billing", "rate-cards"],
    queryFn: () => answer<{ data: RateCard[] }>(api.GET("/v1/billing/rate-cards")),
  });
  const selected = cards.data?.data.find((card) => card.id === browsing) ?? cards.data?.data[0];
  return (
    <Stack gap="lg">
      <ImportCard />
      <Title order={2} size="h4">
        {t("platformBilling.versions")}
      </Title>
      <QueryState query={cards} empty={(data) => data.data.length === 0}>
        {(data) => (
          <TableScroll label={t("platformBilling.versions")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("billing.currency")}</Table.Th>
                  <Table.Th>{t("platformBilling.effectiveFrom")}</Table.Th>
                  <Table.Th>{t("platformBilling.version")}</Table.Th>
                  <Table.Th>{t("platformBilling.source")}</Table.Th>
                  <Table.Th>{t("platformBilling.importedBy")}</Table.Th>
                  <Table.Th>{t("platformBilling.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.map((card) => (
                  <Table.Tr key={card.id}>
                    <Table.Td>{card.currency}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{card.effectiveFrom.slice(0, 10)}</Table.Td>
                    <Table.Td>{card.version}</Table.Td>
                    <Table.Td style={{ wordBreak: "break-word", minWidth: 200 }}>{card.source}</Table.Td>
                    <Table.Td>
                      {card.importedBy}
                      <Text size="xs" c="dimmed">
                        {format.dateTime(card.importedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant={selected?.id === card.id ? "filled" : "light"}
                        onClick={() => setBrowsing(card.id)}
                        aria-label={t("platformBilling.browseVersion", {
                          version: card.version,
                          currency: card.currency,
                          date: card.effectiveFrom.slice(0, 10),
                        })}
                      >
                        {t("platformBilling.browse")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </QueryState>
      {selected && (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("platformBilling.browsing", {
              currency: selected.currency,
              version: selected.version,
              date: selected.effectiveFrom.slice(0, 10),
            })}
          </Title>
          <BrowseCard key={selected.id} card={selected} />
        </Stack>
      )}
    </Stack>
  );
}
