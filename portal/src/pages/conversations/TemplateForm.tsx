import { Alert, Button, Select, Stack, Text, TextInput } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { CostEstimateSlot } from "./cost-estimate-slot";
import { type Conversation, inboxKeys, upsertMessage } from "./inbox-api";
import { templateFields, templateParameters, templatePreview } from "./template-params";

/**
 * The composer with the customer service window closed: says so and since when, and sends one of
 * the approved templates with a form for its parameters.
 */
export function TemplateForm({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const composer = useQuery({
    queryKey: inboxKeys.composer(conversation.id),
    queryFn: () =>
      unwrap(api.GET("/v1/conversations/{id}/composer", { params: { path: { id: conversation.id } } })),
  });
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const templates = composer.data?.templates ?? [];
  const template = templates.find((candidate) => candidate.id === templateId) ?? null;
  const fields = template ? templateFields(template.definition) : [];
  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/v1/messages", {
          body: {
            to: conversation.contact.phone ?? conversation.contact.userId ?? "",
            from: conversation.phoneNumberId,
            type: "template",
            template: {
              name: template!.name,
              language: template!.language,
              parameters: templateParameters(fields, values),
            },
          },
        }),
      ),
    onSuccess: (message) => {
      upsertMessage(client, { ...message, conversationId: conversation.id });
      setValues({});
      setTemplateId(null);
    },
  });
  const closedAt = composer.data?.windowClosedAt ?? conversation.windowExpiresAt;
  return (
    <Stack gap="xs">
      <Alert color="yellow" p="xs" title={t("inbox.windowClosedTitle")}>
        {closedAt
          ? t("inbox.windowClosedAt", { time: format.dateTime(closedAt) })
          : t("inbox.windowNeverOpened")}
      </Alert>
      <Select
        label={t("inbox.template")}
        placeholder={templates.length ? t("inbox.chooseTemplate") : t("inbox.noTemplates")}
        data={templates.map((candidate) => ({
          value: candidate.id,
          label: `${candidate.name} (${candidate.language}, ${candidate.category.toLowerCase()})`,
        }))}
        value={templateId}
        onChange={(value) => {
          setTemplateId(value);
          setValues({});
        }}
        searchable
        disabled={!templates.length}
      />
      {fields.map((field) => (
        <TextInput
          key={field.key}
          label={t(`inbox.templateField.${field.part}`, { name: field.name, format: field.format })}
          placeholder={field.example}
          value={values[field.key] ?? ""}
          onChange={(event) => setValues((old) => ({ ...old, [field.key]: event.currentTarget.value }))}
          required
        />
      ))}
      {template ? (
        <Text size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }} aria-label={t("inbox.preview")}>
          {templatePreview(template.definition, values)}
        </Text>
      ) : null}
      {send.isError ? <ProblemAlert error={send.error} /> : null}
      <CostEstimateSlot conversation={conversation} kind="template" template={template} />
      <Button
        onClick={() => send.mutate()}
        loading={send.isPending}
        disabled={!template || fields.some((field) => !values[field.key])}
        w="fit-content"
      >
        {t("inbox.sendTemplate")}
      </Button>
    </Stack>
  );
}
