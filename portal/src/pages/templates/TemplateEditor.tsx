import { Button, Grid, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import { asProblem } from "../../api/problem";
import type { Template } from "../../api/types";
import { notifySuccess } from "../../components/notify";
import { ProblemAlert } from "../../components/problem";
import { ButtonsEditor } from "./ButtonsEditor";
import { BasicsSection, BodySection, FooterSection, HeaderSection } from "./EditorSections";
import { emptyTemplate, fieldOfPath, fromDefinition, type TemplateValues, toDefinition } from "./model";
import { TemplatePreview } from "./Preview";

/**
 * The template editor with its live preview. A failed save keeps every value typed and puts the
 * server's per-field messages at their fields.
 */
export function TemplateEditor({ template }: { template?: Template }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<TemplateValues>({
    initialValues: template ? fromDefinition(template.definition) : emptyTemplate(),
  });
  const save = useMutation({
    mutationFn: async ({ values, draft }: { values: TemplateValues; draft: boolean }) => {
      const { definition } = toDefinition(values);
      if (!template) return unwrap(api.POST("/v1/templates", { body: { ...definition, draft } }));
      return unwrap(
        api.PATCH("/v1/templates/{id}", {
          params: { path: { id: template.id } },
          body: { ...definition, draft },
        }),
      );
    },
    onMutate: () => form.clearErrors(),
    onSuccess: (saved, { draft }) => {
      notifySuccess(t(draft ? "editor.draftSaved" : "editor.created"));
      void queryClient.invalidateQueries({ queryKey: ["templates"] });
      void queryClient.invalidateQueries({ queryKey: ["template", saved.id] });
      if (!template) navigate(`/templates/${saved.id}`, { replace: true });
    },
    onError: (error, { values }) => {
      const { order } = toDefinition(values);
      const errors: Record<string, string> = {};
      for (const item of asProblem(error).errors) {
        const field = fieldOfPath(item.path.replace(/^body\./, ""), order, values);
        errors[field] = errors[field] ? `${errors[field]} ${item.message}` : item.message;
      }
      form.setErrors(errors);
    },
  });
  const resubmitting = template && ["rejected", "policy_rejected"].includes(template.status);
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form
          onSubmit={form.onSubmit((values) => save.mutate({ values, draft: false }))}
          noValidate
          aria-label={template ? t("editor.editTitle", { name: template.name }) : t("editor.createTitle")}
        >
          <Stack gap="md">
            <BasicsSection form={form} identityLocked={Boolean(template)} />
            {form.values.category !== "AUTHENTICATION" ? <HeaderSection form={form} /> : null}
            <BodySection form={form} />
            <FooterSection form={form} />
            <Stack gap="xs">
              <Text fw={600}>{t("editor.buttons")}</Text>
              <ButtonsEditor form={form} />
            </Stack>
            <ProblemAlert error={save.error} />
            <Group>
              <Button type="submit" loading={save.isPending && !save.variables?.draft}>
                {resubmitting ? t("editor.resubmit") : t("editor.submit")}
              </Button>
              <Button
                variant="default"
                loading={save.isPending && save.variables?.draft}
                onClick={() => save.mutate({ values: form.values, draft: true })}
              >
                {t("editor.saveDraft")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="xs" pos="sticky" top={72}>
          <Text fw={600} component="h2">
            {t("editor.preview")}
          </Text>
          <TemplatePreview values={form.values} />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
