import { ActionIcon, Box, Center, Group, Select, Text, Tooltip } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconBell } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useSignedIn } from "../../auth/session";
import { ConversationList, DEFAULT_FILTERS, type ListFilters } from "./ConversationList";
import { ConversationView } from "./ConversationView";
import type { Availability } from "./inbox-api";
import { useAgents, usePresence } from "./presence";
import { usePushSubscription } from "./push";
import { type StreamEvent, useInboxStream } from "./stream";

const STREAM_COLOR = { live: "teal", connecting: "gray", reconnecting: "orange" } as const;

/**
 * The agent inbox: the list and the open conversation side by side on wide screens, one at a time
 * on a phone; everything live over the event stream.
 */
export default function Inbox() {
  const { t } = useTranslation();
  const { id = null } = useParams();
  const navigate = useNavigate();
  const session = useSignedIn();
  const wide = useMediaQuery("(min-width: 62em)", true) ?? true;
  const [filters, setFilters] = useState<ListFilters>(DEFAULT_FILTERS);
  const agents = useAgents();
  const presence = usePresence();
  const push = usePushSubscription();
  const stream = useInboxStream((event: StreamEvent) => {
    const data = event.data as { userId?: string; assigneeId?: string; conversationId?: string; by?: string };
    const forMe =
      (event.type === "agent.mentioned" && data.userId === session.user.id) ||
      (event.type === "conversation.assigned" &&
        data.assigneeId === session.user.id &&
        data.by !== `user:${session.user.id}`);
    if (!forMe || !data.conversationId) return;
    const conversationId = data.conversationId;
    notifications.show({
      color: "teal",
      message: event.type === "agent.mentioned" ? t("inbox.notifyMention") : t("inbox.notifyAssigned"),
      onClick: () => navigate(`/conversations/${conversationId}`),
      style: { cursor: "pointer" },
    });
  });
  const showList = wide || !id;
  const showConversation = wide || !!id;
  return (
    <Box
      style={{
        margin: "calc(-1 * var(--mantine-spacing-md))",
        height: "calc(100dvh - 56px)",
        display: "flex",
        minHeight: 0,
        // Nothing may push the page sideways on a phone (long names, a wide header row).
        overflow: "hidden",
      }}
    >
      {showList ? (
        <Box
          w={wide ? 360 : "100%"}
          style={{
            borderRight: wide ? "1px solid var(--mantine-color-gray-3)" : undefined,
            display: "flex",
            flexDirection: "column",
            minHeight: 0,
            minWidth: 0,
          }}
        >
          <Group justify="space-between" p="xs" gap="xs" wrap="nowrap">
            <Text component="h1" fw={700} size="md" truncate style={{ minWidth: 0 }}>
              {t("inbox.title")}
            </Text>
            <Group gap={6} wrap="nowrap">
              <Tooltip label={t(`inbox.stream.${stream}`)}>
                <Box
                  role="status"
                  aria-label={t(`inbox.stream.${stream}`)}
                  data-testid="stream-state"
                  data-state={stream}
                  w={10}
                  h={10}
                  style={{
                    borderRadius: "50%",
                    flexShrink: 0,
                    background: `var(--mantine-color-${STREAM_COLOR[stream]}-7)`,
                  }}
                />
              </Tooltip>
              {push.state === "ask" ? (
                <ActionIcon
                  variant="light"
                  onClick={() => void push.enable()}
                  aria-label={t("inbox.enablePush")}
                >
                  <IconBell size={16} aria-hidden />
                </ActionIcon>
              ) : null}
              <Select
                size="xs"
                w={104}
                aria-label={t("inbox.myPresence")}
                data={(["online", "away", "offline"] as const).map((value) => ({
                  value,
                  label: t(`inbox.presence.${value}`),
                }))}
                value={presence.availability}
                onChange={(value) => value && presence.set(value as Availability)}
                allowDeselect={false}
              />
            </Group>
          </Group>
          <Box style={{ flex: 1, minHeight: 0 }}>
            <ConversationList
              selectedId={id}
              agents={agents.data ?? []}
              filters={filters}
              onFilters={setFilters}
            />
          </Box>
        </Box>
      ) : null}
      {showConversation ? (
        <Box style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
          {id ? (
            <ConversationView key={id} id={id} agents={agents.data ?? []} wide={wide} />
          ) : (
            <Center h="100%">
              <Text c="dimmed">{t("inbox.pick")}</Text>
            </Center>
          )}
        </Box>
      ) : null}
    </Box>
  );
}
