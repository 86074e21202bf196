import { Badge, Button, Card, Group, List, Progress, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { useSignedIn } from "../../auth/session";
import { notifySuccess } from "../../components/notify";
import { PageHeader, QueryState } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { DisplayNameCheck } from "./DisplayNameCheck";
import { ActivationFeed } from "./Feed";
import { ACTIVATION_KEY, type Activation, FEED_KEY, type Stage, useActivation } from "./model";
import { NotificationsStates } from "./NotificationsState";
import { StageCard } from "./StageCard";
import { StartActivation } from "./StartActivation";
import { VerificationPanel } from "./VerificationPanel";

const OPEN = ["action_required", "rejected"];

function useStageAction<T>(call: (input: T) => Promise<unknown>, done: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => {
      notifySuccess(t(done));
      void queryClient.invalidateQueries({ queryKey: ACTIVATION_KEY });
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
  });
}

/** "Approve our request in your Business Manager: here is how", and the confirmation. */
function PartnerRequestPanel() {
  const { t } = useTranslation();
  const approve = useStageAction(
    () => unwrap(api.POST("/v1/activation/partner-request/approve")),
    "activation.partner.confirmed",
  );
  return (
    <Stack gap="xs">
      <Text size="sm" fw={600}>
        {t("activation.partner.howTitle")}
      </Text>
      <List type="ordered" size="sm" spacing={4}>
        {[1, 2, 3, 4].map((step) => (
          <List.Item key={step}>{t(`activation.partner.step${step}`)}</List.Item>
        ))}
      </List>
      <ProblemAlert error={approve.error} />
      <Button w="fit-content" loading={approve.isPending} onClick={() => approve.mutate(undefined)}>
        {t("activation.partner.approved")}
      </Button>
    </Stack>
  );
}

function DisplayNamePanel({ activation }: { activation: Activation }) {
  const { t } = useTranslation();
  const submit = useStageAction(
    (displayName: string) => unwrap(api.POST("/v1/activation/display-name", { body: { displayName } })),
    "activation.displayName.submitted",
  );
  return (
    <DisplayNameCheck
      initial={activation.displayName ?? ""}
      business={{ legalName: activation.company.legalName, website: activation.company.website }}
      submitLabel={t("activation.displayName.submit")}
      onSubmit={(name) => submit.mutate(name)}
      pending={submit.isPending}
      error={submit.error}
    />
  );
}

function StagePanel({
  activation,
  stage,
  canAct,
}: {
  activation: Activation;
  stage: Stage;
  canAct: boolean;
}) {
  const open = canAct && OPEN.includes(stage.status);
  if (stage.stage === "business_verification" && stage.status !== "pending")
    return <VerificationPanel activation={activation} open={open} />;
  if (stage.stage === "partner_request" && open && stage.status === "action_required")
    return <PartnerRequestPanel />;
  if (stage.stage === "display_name_review" && open) return <DisplayNamePanel activation={activation} />;
  return null;
}

function Summary({ activation }: { activation: Activation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const done = activation.stages.filter((stage) => stage.status === "done").length;
  const days =
    ((activation.activatedAt ? new Date(activation.activatedAt).getTime() : Date.now()) -
      new Date(activation.createdAt).getTime()) /
    864e5;
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            {activation.company.legalName}
          </Title>
          <Badge
            color={activation.status === "activated" ? "teal" : "blue"}
            size="lg"
            data-testid="activation-status"
          >
            {t(`activation.overall.${activation.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t("activation.summary", {
            done,
            total: activation.stages.length,
            stage: t(`activation.stage.${activation.currentStage}`),
          })}
        </Text>
        <Progress
          value={(done / activation.stages.length) * 100}
          color="teal"
          aria-label={t("activation.progress")}
        />
        <Text size="xs" c="dimmed">
          {t("activation.since", {
            date: format.date(activation.createdAt),
            days: format.number(Math.round(days * 10) / 10),
          })}
          {" · "}
          {t("activation.bmId", { id: activation.businessManagerId })}
        </Text>
      </Stack>
    </Card>
  );
}

function Tracker({ activation }: { activation: Activation }) {
  const session = useSignedIn();
  const canAct = ["tenant_admin", "platform_admin"].includes(session.user.role);
  return (
    <Stack gap="md">
      <Summary activation={activation} />
      {activation.stages.map((stage, index) => (
        <StageCard
          key={stage.stage}
          stage={stage}
          position={index + 1}
          current={activation.status !== "activated" && stage.stage === activation.currentStage}
          canAct={canAct}
        >
          <StagePanel activation={activation} stage={stage} canAct={canAct} />
        </StageCard>
      ))}
    </Stack>
  );
}

/** The tenant's activation: start it, then follow each stage and do what it asks. */
export default function ActivationPage() {
  const { t } = useTranslation();
  const activation = useActivation();
  return (
    <>
      <PageHeader title={t("activation.title")} />
      <Stack gap="lg">
        <NotificationsStates />
        <QueryState query={activation}>
          {(data) =>
            data ? (
              <>
                <Tracker activation={data} />
                <ActivationFeed />
              </>
            ) : (
              <StartActivation />
            )
          }
        </QueryState>
      </Stack>
    </>
  );
}
