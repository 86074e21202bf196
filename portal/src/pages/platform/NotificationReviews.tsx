import { Alert, Button, Card, Checkbox, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";

const CHECKS = ["optIn", "noSpam", "noProhibitedCategories"] as const;

interface PendingReview {
  id: string;
  tenantId: string;
  wabaId: string;
  name: string;
  tenant: { name: string } | null;
  notificationsReview: {
    useCase?: string;
    optInSource?: string;
    sampleMessage?: string;
    declaredAt?: string;
  };
  createdAt: string;
}

function ReviewCard({ account }: { account: PendingReview }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [checks, setChecks] = useState<Record<string, boolean>>({});
  const [note, setNote] = useState("");
  const decide = useMutation({
    mutationFn: (decision: "enable" | "reject") =>
      unwrap(
        api.POST("/v1/admin/whatsapp-accounts/{id}/notifications", {
          params: { path: { id: account.id } },
          body: { decision, checks, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: (_data, decision) => {
      notifySuccess(t(decision === "enable" ? "platform.review.enabled" : "platform.review.rejected"));
      void queryClient.invalidateQueries({ queryKey: ["admin-notification-reviews"] });
    },
  });
  const review = account.notificationsReview;
  return (
    <Card withBorder data-testid={`review-${account.wabaId}`}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {account.tenant?.name ?? account.tenantId} · {account.name}
        </Title>
        <Text size="xs" c="dimmed">
          {t("platform.review.connected", { date: format.dateTime(account.createdAt) })}
        </Text>
        {review.useCase ? (
          <Stack gap={2}>
            <Text size="sm">
              <b>{t("notificationsReview.useCase")}:</b> {review.useCase}
            </Text>
            <Text size="sm">
              <b>{t("notificationsReview.optInSource")}:</b> {review.optInSource}
            </Text>
            <Text size="sm">
              <b>{t("notificationsReview.sampleMessage")}:</b> {review.sampleMessage}
            </Text>
          </Stack>
        ) : (
          <Alert color="gray" variant="light">
            {t("platform.review.notDeclared")}
          </Alert>
        )}
        <Text size="sm" fw={600}>
          {t("platform.review.policy")}
        </Text>
        {CHECKS.map((check) => (
          <Checkbox
            key={check}
            label={t(`platform.review.checks.${check}`)}
            description={t(`platform.review.explain.${check}`)}
            checked={checks[check] === true}
            onChange={(event) => setChecks({ ...checks, [check]: event.currentTarget.checked })}
          />
        ))}
        <Textarea
          label={t("platform.note")}
          description={t("platform.review.noteHelp")}
          autosize
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <ProblemAlert error={decide.error} />
        <Group gap="xs">
          <Button
            disabled={!CHECKS.every((check) => checks[check])}
            loading={decide.isPending && decide.variables === "enable"}
            onClick={() => decide.mutate("enable")}
          >
            {t("platform.review.enable")}
          </Button>
          <Button
            color="red"
            variant="light"
            disabled={!note.trim()}
            loading={decide.isPending && decide.variables === "reject"}
            onClick={() => decide.mutate("reject")}
          >
            {t("platform.review.reject")}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Accounts whose template sends wait for the platform's policy review. */
export function NotificationReviews() {
  const { t } = useTranslation();
  const pending = useQuery({
    queryKey: ["admin-notification-reviews"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/admin/notification-reviews"))) as unknown as { data: PendingReview[] })
        .data,
  });
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        {t("platform.review.title")}
      </Title>
      <Text size="sm">{t("platform.review.intro")}</Text>
      {pending.error ? <ProblemAlert error={pending.error} /> : null}
      {pending.data?.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t("platform.review.none")}
        </Text>
      ) : null}
      {(pending.data ?? []).map((account) => (
        <ReviewCard key={account.id} account={account} />
      ))}
    </Stack>
  );
}
