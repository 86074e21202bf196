import { Alert, Button, Card, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { WhatsappAccount } from "../../api/types";
import { notifySuccess } from "../../components/notify";
import { ProblemAlert } from "../../components/problem";

export interface ReviewedAccount extends WhatsappAccount {
  notificationsStatus: "enabled" | "pending_review" | "rejected";
  notificationsReview: {
    useCase?: string;
    optInSource?: string;
    sampleMessage?: string;
    note?: string | null;
  };
}

export function useAccounts() {
  return useQuery({
    queryKey: ["whatsapp-accounts"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/whatsapp-accounts"))) as unknown as { data: ReviewedAccount[] }).data,
  });
}

function DeclareUseCase({ account }: { account: ReviewedAccount }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({
    initialValues: {
      useCase: account.notificationsReview.useCase ?? "",
      optInSource: account.notificationsReview.optInSource ?? "",
      sampleMessage: account.notificationsReview.sampleMessage ?? "",
    },
  });
  const declare = useMutation({
    mutationFn: (values: typeof form.values) =>
      unwrap(
        api.POST("/v1/whatsapp-accounts/{id}/notifications", {
          params: { path: { id: account.id } },
          body: values,
        }),
      ),
    onSuccess: () => {
      notifySuccess(t("notificationsReview.declared"));
      void queryClient.invalidateQueries({ queryKey: ["whatsapp-accounts"] });
    },
  });
  return (
    <form onSubmit={form.onSubmit((values) => declare.mutate(values))} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t("notificationsReview.useCase")}
          required
          autosize
          minRows={2}
          {...form.getInputProps("useCase")}
        />
        <TextInput
          label={t("notificationsReview.optInSource")}
          required
          {...form.getInputProps("optInSource")}
        />
        <Textarea
          label={t("notificationsReview.sampleMessage")}
          required
          autosize
          {...form.getInputProps("sampleMessage")}
        />
        <ProblemAlert error={declare.error} />
        <Button type="submit" w="fit-content" loading={declare.isPending}>
          {t("notificationsReview.declare")}
        </Button>
      </Stack>
    </form>
  );
}

/** Why an account's template sends are refused while its notifications are not enabled, and what to do. */
export function NotificationsState({ account }: { account: ReviewedAccount }) {
  const { t } = useTranslation();
  if (account.notificationsStatus === "enabled") return null;
  const declared = Boolean(account.notificationsReview.useCase);
  const state = account.notificationsStatus === "rejected" ? "rejected" : declared ? "waiting" : "undeclared";
  return (
    <Card withBorder data-testid={`notifications-${account.id}`}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t("notificationsReview.title", { name: account.name })}
        </Title>
        <Alert
          color={state === "rejected" ? "red" : "orange"}
          variant="light"
          title={t(`notificationsReview.state.${state}`)}
        >
          <Stack gap={4}>
            <Text size="sm">{t("notificationsReview.why")}</Text>
            {state === "rejected" && account.notificationsReview.note ? (
              <Text size="sm">
                {t("notificationsReview.rejectedBecause", { note: account.notificationsReview.note })}
              </Text>
            ) : null}
            <Text size="sm" fw={600}>
              {t(`notificationsReview.todo.${state}`)}
            </Text>
          </Stack>
        </Alert>
        {state !== "waiting" ? <DeclareUseCase account={account} /> : null}
      </Stack>
    </Card>
  );
}

/** Every account of the tenant whose notifications are not enabled. */
export function NotificationsStates() {
  const accounts = useAccounts();
  const blocked = (accounts.data ?? []).filter((account) => account.notificationsStatus !== "enabled");
  if (blocked.length === 0) return null;
  return (
    <Stack gap="sm">
      {blocked.map((account) => (
        <NotificationsState key={account.id} account={account} />
      ))}
    </Stack>
  );
}
