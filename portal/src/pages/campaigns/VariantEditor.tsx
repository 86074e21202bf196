import { Card, Grid, NumberInput, Select, Stack, TextInput, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Template } from "../../api/types";
import { fromDefinition, variablesOf } from "../templates/model";
import { TemplatePreview } from "../templates/Preview";

export interface VariantValues {
  templateId: string;
  weight: number;
  /** Per template variable: the contact field and its fallback. */
  fields: Record<string, { field: string; fallback: string }>;
  mediaLink: string;
}

export const emptyVariant = (): VariantValues => ({ templateId: "", weight: 1, fields: {}, mediaLink: "" });

/** The template's variables in order, and whether its header carries media. */
export function templateShape(template: Template | undefined) {
  if (!template) return { variables: [] as string[], media: false, values: null };
  const values = fromDefinition(template.definition as Record<string, unknown>);
  return {
    variables: variablesOf(values.bodyText, values.parameterFormat),
    media: ["IMAGE", "VIDEO", "DOCUMENT"].includes(values.headerFormat),
    values,
  };
}

/** One variant: its template, each variable mapped to a contact field with a fallback, and the live phone preview. */
export function VariantEditor({
  index,
  variant,
  templates,
  onChange,
}: {
  index: number;
  variant: VariantValues;
  templates: Template[];
  onChange: (next: VariantValues) => void;
}) {
  const { t } = useTranslation();
  const template = templates.find((item) => item.id === variant.templateId);
  const shape = templateShape(template);
  const preview = shape.values
    ? {
        ...shape.values,
        bodyExamples: Object.fromEntries(
          shape.variables.map((name) => {
            const mapped = variant.fields[name];
            return [name, mapped?.fallback || (mapped?.field ? `[${mapped.field}]` : "")];
          }),
        ),
      }
    : null;
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        {t("campaigns.variant", { n: index + 1 })}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="sm">
            <Select
              label={t("campaigns.template")}
              data={templates.map((item) => ({ value: item.id, label: `${item.name} (${item.language})` }))}
              value={variant.templateId || null}
              onChange={(value) => onChange({ ...variant, templateId: value ?? "", fields: {} })}
              searchable
            />
            <NumberInput
              label={t("campaigns.weight")}
              min={1}
              max={100}
              value={variant.weight}
              onChange={(value) => onChange({ ...variant, weight: Number(value) || 1 })}
            />
            {shape.media ? (
              <TextInput
                label={t("campaigns.headerMedia")}
                value={variant.mediaLink}
                onChange={(e) => onChange({ ...variant, mediaLink: e.currentTarget.value })}
                placeholder="https://"
              />
            ) : null}
            {shape.variables.map((name) => {
              const mapped = variant.fields[name] ?? { field: "", fallback: "" };
              const set = (patch: Partial<typeof mapped>) =>
                onChange({ ...variant, fields: { ...variant.fields, [name]: { ...mapped, ...patch } } });
              return (
                <Grid key={name} gutter="xs">
                  <Grid.Col span={6}>
                    <TextInput
                      label={`${t("campaigns.variable", { name })}: ${t("campaigns.field")}`}
                      description={t("campaigns.fieldHint")}
                      value={mapped.field}
                      onChange={(e) => set({ field: e.currentTarget.value })}
                    />
                  </Grid.Col>
                  <Grid.Col span={6}>
                    <TextInput
                      label={`${t("campaigns.variable", { name })}: ${t("campaigns.fallback")}`}
                      description=" "
                      value={mapped.fallback}
                      onChange={(e) => set({ fallback: e.currentTarget.value })}
                    />
                  </Grid.Col>
                </Grid>
              );
            })}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {preview ? <TemplatePreview values={preview} /> : null}
        </Grid.Col>
      </Grid>
    </Card>
  );
}

/** The API's variant from the form's. */
export function variantInput(variant: VariantValues, template: Template | undefined) {
  const shape = templateShape(template);
  const header = shape.media && variant.mediaLink ? { image: { link: variant.mediaLink } } : undefined;
  const format = shape.values?.headerFormat;
  const mediaHeader =
    header && format === "VIDEO"
      ? { video: header.image }
      : header && format === "DOCUMENT"
        ? { document: header.image }
        : header;
  const source = (name: string) => {
    const mapped = variant.fields[name] ?? { field: "", fallback: "" };
    return mapped.field
      ? { field: mapped.field, ...(mapped.fallback ? { fallback: mapped.fallback } : {}) }
      : { value: mapped.fallback };
  };
  const named = shape.values?.parameterFormat === "NAMED";
  return {
    templateId: variant.templateId,
    weight: variant.weight,
    parameters: {
      ...(mediaHeader ? { header: mediaHeader } : {}),
      ...(shape.variables.length
        ? {
            body: named
              ? Object.fromEntries(shape.variables.map((name) => [name, source(name)]))
              : shape.variables.map(source),
          }
        : {}),
    },
  };
}
