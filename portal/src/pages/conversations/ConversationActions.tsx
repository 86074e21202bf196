import {
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  Select,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { asProblem } from "../../api/problem";
import { useSignedIn } from "../../auth/session";
import { ProblemAlert, problemMessage } from "../../components/problem";
import {
  type Agent,
  type Conversation,
  type ConversationStatus,
  fetchConversation,
  fetchTeams,
  inboxKeys,
} from "./inbox-api";

const PRESENCE_COLOR = { online: "teal", away: "yellow", offline: "gray" } as const;

export function agentLabel(t: (key: string) => string, agent: Agent) {
  return `${agent.name} · ${t(`inbox.presence.${agent.availability}`)}`;
}

function useRefresh(conversationId: string) {
  const client = useQueryClient();
  return (updated?: Conversation) => {
    if (updated) client.setQueryData(inboxKeys.conversation(conversationId), updated);
    void client.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
    void client.invalidateQueries({ queryKey: ["inbox", "list"] });
    void client.invalidateQueries({ queryKey: inboxKeys.notes(conversationId) });
  };
}

/** Take (409: says who was faster), assign, transfer or unassign with a note. */
export function AssignmentControls({
  conversation,
  agents,
}: {
  conversation: Conversation;
  agents: Agent[];
}) {
  const { t } = useTranslation();
  const session = useSignedIn();
  const refresh = useRefresh(conversation.id);
  const [opened, { open, close }] = useDisclosure();
  const teams = useQuery({ queryKey: inboxKeys.teams, queryFn: fetchTeams, staleTime: 60_000 });
  const [assigneeId, setAssigneeId] = useState<string | null>(conversation.assigneeId);
  const [teamId, setTeamId] = useState<string | null>(conversation.teamId);
  const [note, setNote] = useState("");
  const assignee = agents.find((agent) => agent.id === conversation.assigneeId);
  const take = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/v1/conversations/{id}/take", { params: { path: { id: conversation.id } } })),
    onSuccess: (updated) => refresh(updated),
    onError: async (error) => {
      if (asProblem(error).status !== 409) return;
      // Someone was faster: read who has it now and say so by name.
      const now = await fetchConversation(conversation.id);
      const winner = agents.find((agent) => agent.id === now.assigneeId);
      notifications.show({
        color: "orange",
        message: t("inbox.takenBy", { name: winner?.name ?? t("inbox.someoneElse") }),
      });
      refresh(now);
    },
  });
  const assign = useMutation({
    mutationFn: (target: { assigneeId: string | null; teamId: string | null }) =>
      unwrap(
        api.POST("/v1/conversations/{id}/assignment", {
          params: { path: { id: conversation.id } },
          body: {
            ...target,
            expectedAssigneeId: conversation.assigneeId,
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      ),
    onSuccess: (updated) => {
      refresh(updated);
      setNote("");
      close();
    },
  });
  return (
    <>
      <Badge
        variant="light"
        color={assignee ? PRESENCE_COLOR[assignee.availability] : "gray"}
        data-testid="assignee"
      >
        {assignee ? t("inbox.assignedTo", { name: assignee.name }) : t("inbox.unassigned")}
      </Badge>
      {!conversation.assigneeId ? (
        <Button size="xs" onClick={() => take.mutate()} loading={take.isPending}>
          {t("inbox.take")}
        </Button>
      ) : null}
      <Button
        size="xs"
        variant="default"
        onClick={() => {
          setAssigneeId(conversation.assigneeId ?? session.user.id);
          setTeamId(conversation.teamId);
          open();
        }}
      >
        {t("inbox.assign")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("inbox.assignTitle")}>
        <Stack>
          <Select
            label={t("inbox.agent")}
            data={agents.map((agent) => ({ value: agent.id, label: agentLabel(t, agent) }))}
            value={assigneeId}
            onChange={setAssigneeId}
            clearable
            placeholder={t("inbox.nobody")}
          />
          <Select
            label={t("inbox.team")}
            data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
            value={teamId}
            onChange={setTeamId}
            clearable
            placeholder={t("inbox.noTeam")}
          />
          <Textarea
            label={t("inbox.transferNote")}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            autosize
            minRows={2}
          />
          {assign.isError ? <ProblemAlert error={assign.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => assign.mutate({ assigneeId: null, teamId })}>
              {t("inbox.unassign")}
            </Button>
            <Button onClick={() => assign.mutate({ assigneeId, teamId })} loading={assign.isPending}>
              {t("inbox.save")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      {take.isError && asProblem(take.error).status !== 409 ? (
        <span role="alert">{problemMessage(t, take.error)}</span>
      ) : null}
    </>
  );
}

/** Open, pending, snoozed until a time, resolved. */
export function StatusControls({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const refresh = useRefresh(conversation.id);
  const [snoozing, { open, close }] = useDisclosure();
  const [until, setUntil] = useState("");
  const change = useMutation({
    mutationFn: (body: { status: ConversationStatus; snoozedUntil?: string }) =>
      unwrap(api.PATCH("/v1/conversations/{id}", { params: { path: { id: conversation.id } }, body })),
    onSuccess: (updated) => {
      refresh(updated);
      close();
    },
    onError: (error) => notifications.show({ color: "red", message: problemMessage(t, error) }),
  });
  const next: ConversationStatus = conversation.status === "resolved" ? "open" : "resolved";
  return (
    <>
      <Button
        size="xs"
        color={next === "resolved" ? "teal" : "blue"}
        onClick={() => change.mutate({ status: next })}
        loading={change.isPending}
      >
        {next === "resolved" ? t("inbox.resolve") : t("inbox.reopen")}
      </Button>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button size="xs" variant="default">
            {t("inbox.more")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {(["open", "pending", "resolved"] as const)
            .filter((status) => status !== conversation.status)
            .map((status) => (
              <Menu.Item key={status} onClick={() => change.mutate({ status })}>
                {t(`inbox.moveTo.${status}`)}
              </Menu.Item>
            ))}
          <Menu.Item onClick={open}>{t("inbox.snooze")}</Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={snoozing} onClose={close} title={t("inbox.snoozeTitle")}>
        <Stack>
          <TextInput
            type="datetime-local"
            label={t("inbox.snoozeUntil")}
            value={until}
            onChange={(event) => setUntil(event.currentTarget.value)}
          />
          <Button
            disabled={!until}
            onClick={() => change.mutate({ status: "snoozed", snoozedUntil: new Date(until).toISOString() })}
            loading={change.isPending}
          >
            {t("inbox.snooze")}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}

/** The conversation's labels, saved as they change. */
export function LabelsInput({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const refresh = useRefresh(conversation.id);
  const save = useMutation({
    mutationFn: (labels: string[]) =>
      unwrap(
        api.PATCH("/v1/conversations/{id}", { params: { path: { id: conversation.id } }, body: { labels } }),
      ),
    onSuccess: (updated) => refresh(updated),
  });
  return (
    <TagsInput
      label={t("inbox.labels")}
      size="xs"
      value={conversation.labels}
      onChange={(labels) => save.mutate(labels)}
      placeholder={t("inbox.addLabel")}
      clearable
    />
  );
}
