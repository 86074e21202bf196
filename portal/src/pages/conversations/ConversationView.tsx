import { ActionIcon, Box, Drawer, Group, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconArrowLeft, IconUser } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { QueryState } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { Composer } from "./Composer";
import { ContactPanel } from "./ContactPanel";
import { AssignmentControls, StatusControls } from "./ConversationActions";
import {
  type Agent,
  type Conversation,
  contactName,
  fetchConversation,
  fetchMessages,
  fetchNotes,
  inboxKeys,
  type Message,
  upsertMessage,
} from "./inbox-api";
import { Timeline } from "./Timeline";

/** Opening a conversation (and each new customer message while it is open) marks it read at Meta. */
function useReadReceipts(conversation: Conversation | undefined) {
  const client = useQueryClient();
  const unread = conversation?.unreadCount ?? 0;
  const id = conversation?.id;
  useEffect(() => {
    if (!id || unread === 0) return;
    void unwrap(api.PATCH("/v1/conversations/{id}", { params: { path: { id } }, body: { read: true } })).then(
      (updated) => {
        client.setQueryData(inboxKeys.conversation(id), updated);
        void client.invalidateQueries({ queryKey: ["inbox", "list"] });
      },
    );
  }, [id, unread, client]);
}

export function ConversationView({ id, agents, wide }: { id: string; agents: Agent[]; wide: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [replyTo, setReplyTo] = useState<Message | null>(null);
  const [panelOpen, panel] = useDisclosure();
  const conversation = useQuery({
    queryKey: inboxKeys.conversation(id),
    queryFn: () => fetchConversation(id),
  });
  const messages = useQuery({ queryKey: inboxKeys.messages(id), queryFn: () => fetchMessages(id) });
  const notes = useQuery({ queryKey: inboxKeys.notes(id), queryFn: () => fetchNotes(id) });
  useReadReceipts(conversation.data);
  const react = useMutation({
    mutationFn: ({ message, emoji }: { message: Message; emoji: string }) => {
      const data = conversation.data!;
      return unwrap(
        api.POST("/v1/messages", {
          body: {
            to: data.contact.phone ?? data.contact.userId ?? "",
            from: data.phoneNumberId,
            type: "reaction",
            reaction: { message_id: message.wamid!, emoji },
          },
        }),
      );
    },
    onSuccess: (message) => upsertMessage(client, { ...message, conversationId: id }),
  });
  return (
    <QueryState query={conversation}>
      {(data) => (
        <Box style={{ display: "flex", height: "100%", minHeight: 0 }}>
          <Stack gap={0} style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
            <Stack gap={6} p="xs" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
              <Group gap="xs" wrap="nowrap">
                {!wide ? (
                  <ActionIcon
                    component={Link}
                    to="/conversations"
                    variant="subtle"
                    aria-label={t("inbox.back")}
                  >
                    <IconArrowLeft size={18} aria-hidden />
                  </ActionIcon>
                ) : null}
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                  <Title order={1} size="h4" lineClamp={1}>
                    {contactName(data.contact)}
                  </Title>
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {data.contact.phone ?? data.contact.userId} · {t(`conversations.${data.status}`)}
                    {data.status === "snoozed" && data.snoozedUntil
                      ? ` ${t("inbox.until", { time: format.dateTime(data.snoozedUntil) })}`
                      : ""}
                    {" · "}
                    {data.windowOpen
                      ? t("conversations.windowOpen", { time: format.dateTime(data.windowExpiresAt) })
                      : t("inbox.windowClosedShort")}
                  </Text>
                </Stack>
                <ActionIcon
                  variant="default"
                  onClick={panel.toggle}
                  aria-label={t("inbox.contactPanel")}
                  hiddenFrom={wide ? "xl" : undefined}
                >
                  <IconUser size={18} aria-hidden />
                </ActionIcon>
              </Group>
              <Group gap="xs">
                <AssignmentControls conversation={data} agents={agents} />
                <StatusControls conversation={data} />
              </Group>
            </Stack>
            <QueryState query={messages}>
              {(page) => (
                <Timeline
                  messages={page.data}
                  notes={notes.data ?? []}
                  canAnswer={data.windowOpen}
                  onReply={setReplyTo}
                  onReact={(message, emoji) => react.mutate({ message, emoji })}
                />
              )}
            </QueryState>
            <Composer
              conversation={data}
              agents={agents}
              replyTo={replyTo}
              onReplyDone={() => setReplyTo(null)}
            />
          </Stack>
          {wide ? (
            <Box
              w={300}
              visibleFrom="xl"
              style={{ borderLeft: "1px solid var(--mantine-color-gray-3)", overflowY: "auto" }}
            >
              <ContactPanel conversation={data} />
            </Box>
          ) : null}
          <Drawer
            opened={panelOpen}
            onClose={panel.close}
            position="right"
            title={t("inbox.contactPanel")}
            size="sm"
          >
            <ContactPanel conversation={data} />
          </Drawer>
        </Box>
      )}
    </QueryState>
  );
}
