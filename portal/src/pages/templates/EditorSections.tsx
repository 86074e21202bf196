import {
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { useTranslation } from "react-i18next";
import { CATEGORIES, HEADER_FORMATS, LANGUAGES, type TemplateValues, variablesOf } from "./model";

type Form = UseFormReturnType<TemplateValues>;

export function BasicsSection({ form, identityLocked }: { form: Form; identityLocked: boolean }) {
  const { t } = useTranslation();
  const phone = useMediaQuery("(max-width: 36em)");
  return (
    <Fieldset legend={t("editor.basics")}>
      <Stack gap="sm">
        <TextInput
          label={t("templates.name")}
          description={t("editor.nameHint")}
          disabled={identityLocked}
          required
          {...form.getInputProps("name")}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <Select
            label={t("templates.language")}
            data={[...LANGUAGES]}
            searchable
            allowDeselect={false}
            disabled={identityLocked}
            {...form.getInputProps("language")}
          />
          <Select
            label={t("templates.category")}
            data={[...CATEGORIES]}
            allowDeselect={false}
            {...form.getInputProps("category")}
          />
        </SimpleGrid>
        {form.values.category !== "AUTHENTICATION" ? (
          <SegmentedControl
            aria-label={t("editor.parameterFormat")}
            orientation={phone ? "vertical" : "horizontal"}
            fullWidth
            data={[
              { value: "POSITIONAL", label: t("editor.positional") },
              { value: "NAMED", label: t("editor.named") },
            ]}
            {...form.getInputProps("parameterFormat")}
          />
        ) : null}
      </Stack>
    </Fieldset>
  );
}

export function HeaderSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const format = form.values.headerFormat;
  const labels: Record<string, string> = {
    NONE: t("editor.headerNone"),
    TEXT: t("editor.headerText"),
    IMAGE: t("editor.headerImage"),
    VIDEO: t("editor.headerVideo"),
    DOCUMENT: t("editor.headerDocument"),
    LOCATION: t("editor.headerLocation"),
  };
  const hasVariable = variablesOf(form.values.headerText, form.values.parameterFormat).length > 0;
  return (
    <Fieldset legend={t("editor.header")}>
      <Stack gap="sm">
        <Select
          label={t("editor.header")}
          data={HEADER_FORMATS.map((value) => ({ value, label: labels[value] ?? value }))}
          allowDeselect={false}
          {...form.getInputProps("headerFormat")}
        />
        {format === "TEXT" ? (
          <TextInput label={t("editor.headerText")} maxLength={60} {...form.getInputProps("headerText")} />
        ) : null}
        {format === "TEXT" && hasVariable ? (
          <TextInput
            label={t("editor.exampleFor", {
              variable: variablesOf(form.values.headerText, form.values.parameterFormat)[0],
            })}
            {...form.getInputProps("headerExample")}
          />
        ) : null}
        {["IMAGE", "VIDEO", "DOCUMENT"].includes(format) ? (
          <TextInput label={t("editor.headerMediaExample")} {...form.getInputProps("headerMedia")} />
        ) : null}
      </Stack>
    </Fieldset>
  );
}

export function BodySection({ form }: { form: Form }) {
  const { t } = useTranslation();
  const { values } = form;
  if (values.category === "AUTHENTICATION") {
    return (
      <Fieldset legend={t("editor.body")}>
        <Checkbox
          label={t("editor.securityRecommendation")}
          {...form.getInputProps("securityRecommendation", { type: "checkbox" })}
        />
      </Fieldset>
    );
  }
  const variables = variablesOf(values.bodyText, values.parameterFormat);
  const addVariable = () => {
    const next =
      values.parameterFormat === "POSITIONAL"
        ? String(variables.length + 1)
        : `variable_${variables.length + 1}`;
    form.setFieldValue("bodyText", `${values.bodyText}{{${next}}}`);
  };
  return (
    <Fieldset legend={t("editor.body")}>
      <Stack gap="sm">
        <Textarea
          label={t("editor.body")}
          description={t("editor.bodyHint")}
          autosize
          minRows={4}
          maxLength={1024}
          required
          {...form.getInputProps("bodyText")}
        />
        <Group>
          <Button variant="light" size="xs" onClick={addVariable}>
            {t("editor.addVariable")}
          </Button>
        </Group>
        {variables.length > 0 ? (
          <Fieldset legend={t("editor.examples")} variant="unstyled">
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              {variables.map((name) => (
                <TextInput
                  key={name}
                  label={t("editor.exampleFor", { variable: `{{${name}}}` })}
                  value={values.bodyExamples[name] ?? ""}
                  onChange={(event) => form.setFieldValue(`bodyExamples.${name}`, event.currentTarget.value)}
                />
              ))}
            </SimpleGrid>
            {typeof form.errors.bodyExamples === "string" ? (
              <div role="alert" style={{ color: "var(--mantine-color-error)", fontSize: 14 }}>
                {form.errors.bodyExamples}
              </div>
            ) : null}
          </Fieldset>
        ) : null}
      </Stack>
    </Fieldset>
  );
}

export function FooterSection({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t("editor.footer")}>
      {form.values.category === "AUTHENTICATION" ? (
        <NumberInput
          label={t("editor.codeExpiration")}
          min={1}
          max={90}
          {...form.getInputProps("codeExpirationMinutes")}
        />
      ) : (
        <TextInput label={t("editor.footerText")} maxLength={60} {...form.getInputProps("footerText")} />
      )}
    </Fieldset>
  );
}
