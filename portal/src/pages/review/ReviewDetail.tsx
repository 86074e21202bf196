import { Badge, Button, Card, Grid, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import type { PolicyFinding } from "../../api/types";
import { notifySuccess } from "../../components/notify";
import { PageHeader, QueryState } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { FindingsList, HighlightedText } from "../templates/Findings";
import { TemplateHistory } from "../templates/History";
import { fromDefinition } from "../templates/model";
import { TemplatePreview } from "../templates/Preview";
import { StatusBadge } from "../templates/StatusBadge";

type Json = Record<string, unknown>;

/** Each component's text with the findings that point at it highlighted. */
function ComponentTexts({ definition, findings }: { definition: Json; findings: PolicyFinding[] }) {
  const components = Array.isArray(definition.components) ? (definition.components as Json[]) : [];
  return (
    <Stack gap="sm">
      {components.map((component, index) => {
        const own = findings.filter((f) => f.path.startsWith(`components.${index}`));
        const texts = [
          typeof component.text === "string" ? component.text : null,
          ...(Array.isArray(component.buttons)
            ? (component.buttons as Json[]).map((b) => [b.text, b.url].filter(Boolean).join(" · "))
            : []),
        ].filter((text): text is string => Boolean(text));
        if (texts.length === 0) return null;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: components are identified by their position
          <div key={index}>
            <Badge variant="outline" color="gray" size="sm">
              {String(component.type)}
            </Badge>
            {texts.map((text) => (
              <Text key={text} style={{ whiteSpace: "pre-wrap" }} data-testid="review-text">
                <HighlightedText text={text} findings={own.length > 0 ? own : findings} />
              </Text>
            ))}
          </div>
        );
      })}
    </Stack>
  );
}

function Decision({ id }: { id: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const done = (message: string) => {
    notifySuccess(message);
    void queryClient.invalidateQueries({ queryKey: ["template-reviews"] });
    void queryClient.invalidateQueries({ queryKey: ["review", id] });
    navigate("/review");
  };
  const approve = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/v1/admin/templates/{id}/approve", {
          params: { path: { id } },
          body: note.trim() ? { note: note.trim() } : {},
        }),
      ),
    onSuccess: () => done(t("review.approved")),
  });
  const reject = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/v1/admin/templates/{id}/reject", { params: { path: { id } }, body: { reason } })),
    onSuccess: () => done(t("review.rejected")),
  });
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Textarea label={t("review.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <ProblemAlert error={approve.error} />
        <Button onClick={() => approve.mutate()} loading={approve.isPending} w="fit-content">
          {t("review.approve")}
        </Button>
        <Textarea
          label={t("review.rejectReason")}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          required
        />
        <ProblemAlert error={reject.error} />
        <Group>
          <Button
            color="red"
            variant="light"
            disabled={reason.trim() === ""}
            onClick={() => reject.mutate()}
            loading={reject.isPending}
          >
            {t("review.reject")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export default function ReviewDetail() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: ["review", id],
    queryFn: () => unwrap(api.GET("/v1/admin/templates/{id}", { params: { path: { id } } })),
  });
  return (
    <QueryState query={query}>
      {(template) => (
        <>
          <PageHeader title={template.name} actions={<StatusBadge status={template.status} />} />
          <Text c="dimmed" mb="md">
            {template.language} · {template.category}
          </Text>
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Stack>
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">
                    {t("review.findings")}
                  </Title>
                  <ComponentTexts definition={template.definition} findings={template.policyFindings ?? []} />
                  <Stack mt="md">
                    <FindingsList findings={template.policyFindings} />
                  </Stack>
                </Card>
                {["in_review", "policy_rejected"].includes(template.status) ? (
                  <Decision id={template.id} />
                ) : null}
                <Card withBorder>
                  <Title order={2} size="h4" mb="sm">
                    {t("review.history")}
                  </Title>
                  <TemplateHistory history={template.history} />
                </Card>
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <TemplatePreview values={fromDefinition(template.definition)} />
            </Grid.Col>
          </Grid>
        </>
      )}
    </QueryState>
  );
}
