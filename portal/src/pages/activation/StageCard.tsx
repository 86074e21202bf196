import { Alert, Badge, Button, Card, Group, List, Stack, Text, Textarea, Title } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { ACTIVATION_KEY, type Stage, type StageStatus, slaHoursLeft } from "./model";

export const STATUS_COLOR: Record<StageStatus, string> = {
  pending: "gray",
  action_required: "orange",
  in_review: "blue",
  rejected: "red",
  done: "teal",
};

export function StageStatusBadge({ status }: { status: StageStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`activation.status.${status}`)}
    </Badge>
  );
}

/** The SLA clock in words: time left, or how long it is overdue (highlighted). */
export function SlaClock({ dueAt, done }: { dueAt: string | null; done: boolean }) {
  const { t } = useTranslation();
  const left = slaHoursLeft(dueAt);
  if (left === null || done) return null;
  const days = Math.floor(Math.abs(left) / 24);
  const hours = Math.abs(left) % 24;
  const span = t("activation.sla.span", { days, hours });
  return left < 0 ? (
    <Badge color="red" variant="filled" data-testid="sla-breached">
      {t("activation.sla.overdue", { span })}
    </Badge>
  ) : (
    <Text size="sm">{t("activation.sla.left", { span })}</Text>
  );
}

function StageNotes({ stage, canAct }: { stage: Stage; canAct: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [text, setText] = useState("");
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/v1/activation/stages/{stage}/notes", {
          params: { path: { stage: stage.stage } },
          body: { text: text.trim() },
        }),
      ),
    onSuccess: () => {
      setText("");
      void queryClient.invalidateQueries({ queryKey: ACTIVATION_KEY });
    },
  });
  return (
    <Stack gap={4}>
      {stage.notes.map((note) => (
        <Text key={note.at + note.text} size="sm">
          <Text span c="dimmed" size="xs">
            {format.dateTime(note.at)} · {note.by}:
          </Text>{" "}
          {note.text}
        </Text>
      ))}
      {canAct ? (
        <Group align="flex-end" gap="xs">
          <Textarea
            label={t("activation.notes.add")}
            autosize
            minRows={1}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            style={{ flex: 1, minWidth: 200 }}
          />
          <Button
            variant="light"
            disabled={!text.trim()}
            loading={add.isPending}
            onClick={() => add.mutate()}
          >
            {t("activation.notes.save")}
          </Button>
        </Group>
      ) : null}
      <ProblemAlert error={add.error} />
    </Stack>
  );
}

/** One stage: owner, status, dates, SLA clock, the next action in words, reasons and notes. */
export function StageCard({
  stage,
  position,
  current,
  canAct,
  children,
}: {
  stage: Stage;
  position: number;
  current: boolean;
  canAct: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Card
      withBorder
      data-testid={`stage-${stage.stage}`}
      bd={current ? "2px solid var(--mantine-color-teal-7)" : undefined}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5">
            {position}. {t(`activation.stage.${stage.stage}`)}
          </Title>
          <Group gap="xs">
            <StageStatusBadge status={stage.status} />
            <Badge variant="outline" color="gray">
              {t("activation.ownerLabel", { owner: t(`activation.owner.${stage.owner}`) })}
            </Badge>
          </Group>
        </Group>
        <Group gap="md" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t("activation.dates.started")}: {format.dateTime(stage.startedAt)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("activation.dates.due")}: {format.dateTime(stage.dueAt)}
          </Text>
          <Text size="xs" c="dimmed">
            {t("activation.dates.completed")}: {format.dateTime(stage.completedAt)}
          </Text>
          <SlaClock dueAt={stage.dueAt} done={stage.status === "done" || stage.status === "pending"} />
        </Group>
        {stage.status !== "pending" && stage.status !== "done" ? (
          <Alert
            color={stage.owner === "tenant" ? "orange" : "gray"}
            variant="light"
            title={stage.owner === "tenant" ? t("activation.yourTurn") : t("activation.nextStep")}
            data-testid={`next-${stage.stage}`}
          >
            {stage.nextAction.text}
          </Alert>
        ) : null}
        {stage.reasons.length > 0 ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>
              {t("activation.reasons")}
            </Text>
            <List size="sm">
              {stage.reasons.map((reason) => (
                <List.Item key={reason}>{reason}</List.Item>
              ))}
            </List>
          </Stack>
        ) : null}
        {children}
        <StageNotes stage={stage} canAct={canAct && current} />
      </Stack>
    </Card>
  );
}
