import { ActionIcon, Anchor, Box, Group, Paper, Popover, Text, Tooltip } from "@mantine/core";
import {
  IconAlertCircle,
  IconArrowBackUp,
  IconCheck,
  IconChecks,
  IconClock,
  IconMoodSmile,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../i18n/format";
import { extras, type Message, type Note } from "./inbox-api";
import { messageText, metaErrorText, storedMediaId } from "./message-text";

export const QUICK_REACTIONS = ["👍", "❤️", "😂", "😮", "😢", "🙏"];

/** Sent, delivered, read (blue) or failed (with Meta's error in words); a clock while it waits. */
export function MessageTicks({ message }: { message: Message }) {
  const { t } = useTranslation();
  const label = t(`inbox.status.${message.status}`);
  if (message.status === "failed") {
    const text = metaErrorText(t, extras(message).error);
    return (
      <Group gap={4} wrap="nowrap" data-status="failed">
        <IconAlertCircle size={14} color="var(--mantine-color-red-7)" aria-hidden />
        <Text size="xs" c="red.8" role="alert">
          {label}: {text}
        </Text>
      </Group>
    );
  }
  const Icon =
    message.status === "delivered" || message.status === "read"
      ? IconChecks
      : message.status === "sent"
        ? IconCheck
        : IconClock;
  return (
    <Tooltip label={label}>
      <Box
        component="span"
        role="img"
        aria-label={label}
        data-status={message.status}
        style={{ lineHeight: 0 }}
      >
        <Icon
          size={14}
          color={message.status === "read" ? "var(--mantine-color-blue-7)" : "currentColor"}
          aria-hidden
        />
      </Box>
    </Tooltip>
  );
}

interface BubbleProps {
  message: Message;
  quoted: Message | null;
  reactions: string[];
  canAnswer: boolean;
  onReply(message: Message): void;
  onReact(message: Message, emoji: string): void;
}

export function MessageBubble({ message, quoted, reactions, canAnswer, onReply, onReact }: BubbleProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const inbound = message.direction === "inbound";
  const { content } = extras(message);
  const text = messageText(message.type, content);
  const mediaId = storedMediaId(content);
  return (
    <Paper
      p="xs"
      px="sm"
      withBorder
      maw="85%"
      ml={inbound ? 0 : "auto"}
      bg={inbound ? "white" : "teal.0"}
      data-message={message.id}
      data-direction={message.direction}
    >
      {quoted ? (
        <Box pl="xs" mb={4} style={{ borderLeft: "3px solid var(--mantine-color-teal-6)" }}>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {messageText(quoted.type, extras(quoted).content) || t(`inbox.kind.${quoted.type}`, quoted.type)}
          </Text>
        </Box>
      ) : null}
      {message.type !== "text" ? (
        <Text size="xs" c="dimmed">
          {t(`inbox.kind.${message.type}`, { defaultValue: message.type })}
        </Text>
      ) : null}
      {text ? <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{text}</Text> : null}
      {mediaId ? (
        <Anchor href={`/v1/media/${mediaId}`} target="_blank" size="sm">
          {t("inbox.openMedia")}
        </Anchor>
      ) : null}
      <Group gap={6} justify="flex-end" wrap="nowrap" mt={2}>
        {reactions.length ? (
          <Text size="sm" mr="auto" aria-label={t("inbox.reactions")}>
            {reactions.join(" ")}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          {format.dateTime(message.createdAt)}
        </Text>
        {inbound ? null : <MessageTicks message={message} />}
        {canAnswer && message.wamid ? (
          <>
            <ActionIcon
              variant="subtle"
              size="sm"
              color="gray"
              aria-label={t("inbox.replyTo")}
              onClick={() => onReply(message)}
            >
              <IconArrowBackUp size={14} aria-hidden />
            </ActionIcon>
            {inbound ? <ReactButton onPick={(emoji) => onReact(message, emoji)} /> : null}
          </>
        ) : null}
      </Group>
    </Paper>
  );
}

function ReactButton({ onPick }: { onPick(emoji: string): void }) {
  const { t } = useTranslation();
  return (
    <Popover position="top" withArrow>
      <Popover.Target>
        <ActionIcon variant="subtle" size="sm" color="gray" aria-label={t("inbox.react")}>
          <IconMoodSmile size={14} aria-hidden />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={4}>
        <Group gap={2}>
          {QUICK_REACTIONS.map((emoji) => (
            <ActionIcon key={emoji} variant="subtle" aria-label={emoji} onClick={() => onPick(emoji)}>
              {emoji}
            </ActionIcon>
          ))}
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}

/** A private note: only agents see it; mentions are highlighted. */
export function NoteBubble({ note }: { note: Note }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper p="xs" px="sm" withBorder maw="85%" ml="auto" bg="yellow.0" data-note={note.id}>
      <Text size="xs" c="dimmed">
        {t("inbox.noteBy", { author: note.author })}
      </Text>
      <Text style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{note.body}</Text>
      <Text size="xs" c="dimmed" ta="right">
        {format.dateTime(note.createdAt)}
      </Text>
    </Paper>
  );
}
