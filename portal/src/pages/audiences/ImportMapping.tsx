import {
  Button,
  Checkbox,
  MultiSelect,
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
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { ProblemAlert } from "../../components/problem";
import { type ContactImport, fetchLists } from "./api";

const GUESSES: Record<string, RegExp> = {
  phone: /phone|tel|m[oó]vil|celular|whats/i,
  name: /name|nombre|nome/i,
  tags: /tag|etiqueta/i,
  language: /lang|idioma/i,
  optInSource: /source|fuente|origem|origen/i,
  optInDate: /date|fecha|data/i,
};
const FIELDS = ["phone", "name", "tags", "language", "optInSource", "optInDate"] as const;
type Field = (typeof FIELDS)[number];

const attributeKey = (column: string) =>
  column
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "_")
    .replace(/^_|_$/g, "") || "attribute";

/** The column mapping and options of an uploaded file, then the start. */
export function ImportMapping({ job, sample }: { job: ContactImport; sample?: string[][] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const lists = useQuery({ queryKey: ["lists"], queryFn: fetchLists });
  const guess = (field: Field) => job.columns.find((column) => GUESSES[field]?.test(column)) ?? null;
  const form = useForm({
    initialValues: {
      ...(Object.fromEntries(FIELDS.map((field) => [field, guess(field)])) as Record<Field, string | null>),
      attributes: [] as string[],
      defaultCountry: "",
      listId: null as string | null,
      declare: false,
      declareSource: "",
      declareDate: "",
      declareEvidence: "",
    },
  });
  const start = useMutation({
    mutationFn: (values: typeof form.values) => {
      const mapping = {
        phone: values.phone ?? "",
        ...Object.fromEntries(
          FIELDS.slice(1).flatMap((field) => (values[field] ? [[field, values[field]]] : [])),
        ),
        attributes: Object.fromEntries(values.attributes.map((column) => [attributeKey(column), column])),
      };
      const body = {
        mapping,
        ...(values.defaultCountry ? { defaultCountry: values.defaultCountry } : {}),
        ...(values.listId ? { listId: values.listId } : {}),
        ...(values.declare
          ? {
              optIn: {
                source: values.declareSource,
                date: values.declareDate,
                evidence: values.declareEvidence,
              },
            }
          : {}),
      };
      return unwrap(api.POST("/v1/imports/{id}/start", { params: { path: { id: job.id } }, body }));
    },
    onSuccess: () => {
      notifySuccess(t("audiences.imports.started"));
      void queryClient.invalidateQueries({ queryKey: ["imports"] });
    },
  });
  const options = job.columns.map((column) => ({ value: column, label: column }));
  return (
    <form onSubmit={form.onSubmit((values) => start.mutate(values))} noValidate>
      <Stack>
        <Title order={2} size="h3">
          {t("audiences.imports.mapping")}
        </Title>
        <Text c="dimmed">{t("audiences.imports.mappingHint")}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {FIELDS.map((field) => (
            <Select
              key={field}
              label={t(`audiences.imports.${field}`)}
              required={field === "phone"}
              clearable={field !== "phone"}
              allowDeselect={false}
              placeholder={t("audiences.imports.none")}
              data={options}
              {...form.getInputProps(field)}
            />
          ))}
          <MultiSelect
            label={t("audiences.imports.attributes")}
            data={options}
            {...form.getInputProps("attributes")}
          />
          <TextInput
            label={t("audiences.imports.defaultCountry")}
            maxLength={2}
            placeholder="AR"
            {...form.getInputProps("defaultCountry")}
          />
          <Select
            label={t("audiences.imports.list")}
            clearable
            data={(lists.data ?? []).map((list) => ({ value: list.id, label: list.name }))}
            {...form.getInputProps("listId")}
          />
        </SimpleGrid>
        <Checkbox
          label={t("audiences.imports.declare")}
          description={t("audiences.imports.declareHint")}
          {...form.getInputProps("declare", { type: "checkbox" })}
        />
        {form.values.declare ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t("audiences.imports.declareSource")}
              required
              {...form.getInputProps("declareSource")}
            />
            <TextInput
              label={t("audiences.imports.declareDate")}
              required
              placeholder="2026-01-31"
              {...form.getInputProps("declareDate")}
            />
            <TextInput
              label={t("audiences.imports.declareEvidence")}
              required
              {...form.getInputProps("declareEvidence")}
            />
          </SimpleGrid>
        ) : null}
        {sample?.length ? <SampleTable columns={job.columns} rows={sample} /> : null}
        <ProblemAlert error={start.error} />
        <Button type="submit" loading={start.isPending} w="fit-content">
          {t("audiences.imports.start")}
        </Button>
      </Stack>
    </form>
  );
}

function SampleTable({ columns, rows }: { columns: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="table-scroll" tabIndex={0} aria-label={t("audiences.imports.sample")}>
      <Table withTableBorder fz="sm">
        <Table.Caption>{t("audiences.imports.sample")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: sample rows have no identity but their place
            <Table.Tr key={i}>
              {columns.map((column, j) => (
                <Table.Td key={column}>{row[j] ?? ""}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
