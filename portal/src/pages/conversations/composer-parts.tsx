import { ActionIcon, Group, Paper, Popover, SimpleGrid, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconMoodSmile, IconX } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { type Agent, extras, type Message } from "./inbox-api";
import { messageText } from "./message-text";

const EMOJI = [
  "😀",
  "😃",
  "😄",
  "😁",
  "😊",
  "🙂",
  "😉",
  "😍",
  "😘",
  "🤗",
  "🤔",
  "😅",
  "😂",
  "🤣",
  "😇",
  "😎",
  "😢",
  "😭",
  "😮",
  "😡",
  "🙏",
  "👍",
  "👎",
  "👌",
  "👋",
  "👏",
  "🙌",
  "💪",
  "❤️",
  "💚",
  "💙",
  "🔥",
  "✅",
  "❌",
  "⭐",
  "🎉",
  "📦",
  "🚚",
  "⏰",
  "📞",
  "💬",
  "📍",
  "💳",
  "🧾",
  "🛒",
  "🎁",
  "☀️",
  "🌙",
];

export function EmojiPicker({ onPick }: { onPick(emoji: string): void }) {
  const { t } = useTranslation();
  return (
    <Popover position="top-start" withArrow shadow="md">
      <Popover.Target>
        <ActionIcon variant="subtle" size="lg" color="gray" aria-label={t("inbox.emoji")}>
          <IconMoodSmile size={20} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={4}>
        <SimpleGrid cols={8} spacing={2} verticalSpacing={2}>
          {EMOJI.map((emoji) => (
            <ActionIcon key={emoji} variant="subtle" aria-label={emoji} onClick={() => onPick(emoji)}>
              {emoji}
            </ActionIcon>
          ))}
        </SimpleGrid>
      </Popover.Dropdown>
    </Popover>
  );
}

/** "Replying to …" above the composer, with a way back out. */
export function ReplyPreview({ message, onCancel }: { message: Message; onCancel(): void }) {
  const { t } = useTranslation();
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      px="xs"
      py={4}
      bg="gray.0"
      style={{ borderLeft: "3px solid var(--mantine-color-teal-6)" }}
    >
      <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
        <Text size="xs" fw={600}>
          {t("inbox.replyingTo")}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {messageText(message.type, extras(message).content) || message.type}
        </Text>
      </Stack>
      <ActionIcon variant="subtle" color="gray" aria-label={t("inbox.cancelReply")} onClick={onCancel}>
        <IconX size={14} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

export interface Suggestion {
  key: string;
  label: string;
  detail: string;
}

/** The canned replies whose shortcut starts with what follows "/". */
export function useCannedSuggestions(prefix: string | null): Suggestion[] {
  const canned = useQuery({
    queryKey: ["inbox", "canned", prefix],
    queryFn: () => unwrap(api.GET("/v1/canned-replies", { params: { query: { prefix: prefix ?? "" } } })),
    enabled: prefix !== null,
    staleTime: 30_000,
  });
  if (prefix === null) return [];
  return (canned.data?.data ?? []).slice(0, 8).map((reply) => ({
    key: reply.shortcut,
    label: `/${reply.shortcut}`,
    detail: reply.body,
  }));
}

/** Agents whose name or email starts with what follows "@". */
export function mentionSuggestions(agents: Agent[], prefix: string | null): Suggestion[] {
  if (prefix === null) return [];
  const wanted = prefix.toLowerCase();
  return agents
    .filter(
      (agent) => agent.name.toLowerCase().startsWith(wanted) || agent.email.toLowerCase().startsWith(wanted),
    )
    .slice(0, 8)
    .map((agent) => ({ key: agent.id, label: agent.name, detail: agent.email }));
}

export function SuggestionList({
  label,
  items,
  onPick,
}: {
  label: string;
  items: Suggestion[];
  onPick(item: Suggestion): void;
}) {
  if (!items.length) return null;
  return (
    <Paper withBorder shadow="sm" p={4} role="listbox" aria-label={label}>
      {items.map((item) => (
        <UnstyledButton
          key={item.key}
          role="option"
          aria-selected={false}
          onClick={() => onPick(item)}
          display="block"
          w="100%"
          p={6}
          className="inbox-suggestion"
        >
          <Text size="sm" fw={600}>
            {item.label}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {item.detail}
          </Text>
        </UnstyledButton>
      ))}
    </Paper>
  );
}
