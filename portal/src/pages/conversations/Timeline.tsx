import { ScrollArea, Stack, Text } from "@mantine/core";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import { extras, type Message, type Note } from "./inbox-api";
import { MessageBubble, NoteBubble } from "./MessageBubble";
import { repliedWamid } from "./message-text";

type Entry = { kind: "message"; at: string; message: Message } | { kind: "note"; at: string; note: Note };

/** Reactions by the wamid they react to; an empty emoji takes a reaction back (Meta's rule). */
function reactionsByTarget(messages: Message[]): Map<string, string[]> {
  const latest = new Map<string, string>();
  for (const message of [...messages].reverse()) {
    if (message.type !== "reaction") continue;
    const reaction = extras(message).content?.reaction as { message_id?: string; emoji?: string } | undefined;
    if (reaction?.message_id) latest.set(`${reaction.message_id}|${message.direction}`, reaction.emoji ?? "");
  }
  const out = new Map<string, string[]>();
  for (const [key, emoji] of latest) {
    if (!emoji) continue;
    const target = key.split("|")[0]!;
    out.set(target, [...(out.get(target) ?? []), emoji]);
  }
  return out;
}

interface TimelineProps {
  messages: Message[];
  notes: Note[];
  canAnswer: boolean;
  onReply(message: Message): void;
  onReact(message: Message, emoji: string): void;
}

/** Messages and private notes in time order, newest at the bottom, kept scrolled down as they arrive. */
export function Timeline({ messages, notes, canAnswer, onReply, onReact }: TimelineProps) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const byWamid = useMemo(
    () => new Map(messages.filter((m) => m.wamid).map((m) => [m.wamid!, m])),
    [messages],
  );
  const reactions = useMemo(() => reactionsByTarget(messages), [messages]);
  const entries = useMemo(() => {
    const list: Entry[] = [
      ...messages
        .filter((message) => message.type !== "reaction")
        .map((message) => ({ kind: "message" as const, at: String(message.createdAt), message })),
      ...notes.map((note) => ({ kind: "note" as const, at: String(note.createdAt), note })),
    ];
    return list.sort((a, b) => a.at.localeCompare(b.at));
  }, [messages, notes]);
  useEffect(() => {
    const element = viewport.current;
    if (element && entries.length) element.scrollTo({ top: element.scrollHeight });
  }, [entries.length]);
  return (
    <ScrollArea viewportRef={viewport} style={{ flex: 1 }} type="auto" offsetScrollbars>
      <Stack gap="xs" p="sm" aria-label={t("inbox.timeline")} role="log" aria-live="polite">
        {entries.length === 0 ? (
          <Text c="dimmed" ta="center">
            {t("inbox.noMessages")}
          </Text>
        ) : null}
        {entries.map((entry) =>
          entry.kind === "note" ? (
            <NoteBubble key={entry.note.id} note={entry.note} />
          ) : (
            <MessageBubble
              key={entry.message.id}
              message={entry.message}
              quoted={(() => {
                const wamid = repliedWamid(extras(entry.message).content, extras(entry.message).replyToWamid);
                return wamid ? (byWamid.get(wamid) ?? null) : null;
              })()}
              reactions={entry.message.wamid ? (reactions.get(entry.message.wamid) ?? []) : []}
              canAnswer={canAnswer}
              onReply={onReply}
              onReact={onReact}
            />
          ),
        )}
      </Stack>
    </ScrollArea>
  );
}
