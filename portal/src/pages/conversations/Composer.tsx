import {
  ActionIcon,
  Button,
  FileButton,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { IconPaperclip, IconSend } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { ProblemAlert } from "../../components/problem";
import {
  EmojiPicker,
  mentionSuggestions,
  ReplyPreview,
  type Suggestion,
  SuggestionList,
  useCannedSuggestions,
} from "./composer-parts";
import { CostEstimateSlot } from "./cost-estimate-slot";
import { type Agent, type Conversation, inboxKeys, type Message, upsertMessage } from "./inbox-api";
import { TemplateForm } from "./TemplateForm";

const TYPING_EVERY_MS = 20_000;

/** What follows a trigger character at the end of the text ("/sh" -> "sh"), or null. */
function triggerPrefix(text: string, trigger: "/" | "@"): string | null {
  if (trigger === "/") return /^\/([\w-]*)$/.exec(text)?.[1] ?? null;
  return /(?:^|\s)@([\w.+-]*)$/.exec(text)?.[1] ?? null;
}

interface ComposerProps {
  conversation: Conversation;
  agents: Agent[];
  replyTo: Message | null;
  onReplyDone(): void;
}

/** Reply (text, emoji, media, answering a message, canned replies by "/") or a private note (@mentions). */
export function Composer({ conversation, agents, replyTo, onReplyDone }: ComposerProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [mode, setMode] = useState<"reply" | "note">("reply");
  // With the window closed only templates reach the customer: "reply" shows the template form.
  const windowClosed = !conversation.windowOpen;
  const [text, setText] = useState("");
  const [mentions, setMentions] = useState<string[]>([]);
  const lastTyping = useRef(0);
  const input = useRef<HTMLTextAreaElement>(null);
  const to = conversation.contact.phone ?? conversation.contact.userId ?? "";
  const cannedPrefix = mode === "reply" ? triggerPrefix(text, "/") : null;
  const canned = useCannedSuggestions(cannedPrefix);
  const mentioned = mentionSuggestions(agents, mode === "note" ? triggerPrefix(text, "@") : null);

  const sent = (message: Message) => {
    upsertMessage(client, { ...message, conversationId: conversation.id });
    setText("");
    onReplyDone();
  };
  const sendText = useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST("/v1/messages", {
          body: {
            to,
            from: conversation.phoneNumberId,
            type: "text",
            text: { body },
            ...(replyTo?.wamid ? { replyTo: replyTo.wamid } : {}),
          },
        }),
      ),
    onSuccess: sent,
  });
  const addNote = useMutation({
    mutationFn: (body: string) =>
      unwrap(
        api.POST("/v1/conversations/{id}/notes", {
          params: { path: { id: conversation.id } },
          body: { body, ...(mentions.length ? { mentions } : {}) },
        }),
      ),
    onSuccess: () => {
      setText("");
      setMentions([]);
      void client.invalidateQueries({ queryKey: inboxKeys.notes(conversation.id) });
    },
  });
  const sendFile = useMutation({
    mutationFn: async (file: File) => {
      const uploaded = await unwrap(
        api.POST("/v1/conversations/{id}/media", {
          params: { path: { id: conversation.id }, query: { filename: file.name } },
          body: file as never,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { "content-type": file.type || "application/octet-stream" },
        }),
      );
      const caption = text.trim();
      const media = {
        id: uploaded.mediaId,
        ...(caption && uploaded.type !== "audio" && uploaded.type !== "sticker" ? { caption } : {}),
        ...(uploaded.type === "document" ? { filename: file.name } : {}),
      };
      return unwrap(
        api.POST("/v1/messages", {
          body: {
            to,
            from: conversation.phoneNumberId,
            type: uploaded.type,
            [uploaded.type]: media,
          } as never,
        }),
      );
    },
    onSuccess: sent,
  });

  const typing = (value: string) => {
    setText(value);
    // Meta shows "typing…" for 25 s or until the reply: tell it again every 20 s while the agent types.
    if (mode !== "reply" || !value || Date.now() - lastTyping.current < TYPING_EVERY_MS) return;
    lastTyping.current = Date.now();
    void api.POST("/v1/conversations/{id}/typing", { params: { path: { id: conversation.id } } });
  };
  const pickCanned = async (item: Suggestion) => {
    const filled = await unwrap(
      api.GET("/v1/conversations/{id}/canned-replies/{shortcut}", {
        params: { path: { id: conversation.id, shortcut: item.key } },
      }),
    );
    setText(filled.text);
    input.current?.focus();
  };
  const pickMention = (item: Suggestion) => {
    const agent = agents.find((candidate) => candidate.id === item.key);
    const handle = agent?.email.split("@")[0] ?? item.label;
    setText((old) => old.replace(/@([\w.+-]*)$/, `@${handle} `));
    setMentions((old) => [...new Set([...old, item.key])]);
    input.current?.focus();
  };
  const submit = () => {
    const body = text.trim();
    if (!body) return;
    if (mode === "note") addNote.mutate(body);
    else sendText.mutate(body);
  };
  const busy = sendText.isPending || addNote.isPending || sendFile.isPending;
  const error = sendText.error ?? addNote.error ?? sendFile.error;
  return (
    <Paper
      p="xs"
      withBorder
      radius={0}
      bg={mode === "note" ? "yellow.0" : undefined}
      style={{ borderLeft: 0, borderRight: 0, borderBottom: 0 }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs">
          <SegmentedControl
            size="xs"
            value={mode}
            onChange={(value) => setMode(value as "reply" | "note")}
            data={[
              { value: "reply", label: windowClosed ? t("inbox.template") : t("inbox.reply") },
              { value: "note", label: t("inbox.privateNote") },
            ]}
            aria-label={t("inbox.composerMode")}
          />
          {mode === "reply" && !windowClosed ? (
            <CostEstimateSlot conversation={conversation} kind="text" />
          ) : null}
        </Group>
        {windowClosed && mode === "reply" ? <TemplateForm conversation={conversation} /> : null}
        {replyTo && mode === "reply" ? <ReplyPreview message={replyTo} onCancel={onReplyDone} /> : null}
        <SuggestionList
          label={t("inbox.cannedReplies")}
          items={canned}
          onPick={(item) => void pickCanned(item)}
        />
        <SuggestionList label={t("inbox.mentions")} items={mentioned} onPick={pickMention} />
        {error ? <ProblemAlert error={error} /> : null}
        <Group
          gap={4}
          align="flex-end"
          wrap="nowrap"
          display={windowClosed && mode === "reply" ? "none" : undefined}
        >
          {mode === "reply" ? (
            <>
              <EmojiPicker onPick={(emoji) => setText((old) => old + emoji)} />
              <FileButton
                onChange={(file) => file && sendFile.mutate(file)}
                accept="image/jpeg,image/png,video/mp4,audio/*,application/pdf,text/plain"
              >
                {(props) => (
                  <ActionIcon
                    {...props}
                    variant="subtle"
                    size="lg"
                    color="gray"
                    aria-label={t("inbox.attach")}
                    loading={sendFile.isPending}
                  >
                    <IconPaperclip size={20} aria-hidden />
                  </ActionIcon>
                )}
              </FileButton>
            </>
          ) : null}
          <Textarea
            ref={input}
            style={{ flex: 1 }}
            autosize
            minRows={1}
            maxRows={6}
            aria-label={mode === "note" ? t("inbox.noteLabel") : t("inbox.messageLabel")}
            placeholder={mode === "note" ? t("inbox.notePlaceholder") : t("inbox.messagePlaceholder")}
            value={text}
            onChange={(event) => typing(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                submit();
              }
            }}
          />
          <Button
            onClick={submit}
            loading={busy}
            disabled={!text.trim()}
            aria-label={mode === "note" ? t("inbox.addNote") : t("inbox.send")}
            px="sm"
          >
            <IconSend size={18} aria-hidden />
          </Button>
        </Group>
        {mode === "reply" && !windowClosed ? (
          <Text size="xs" c="dimmed">
            {t("inbox.composerHint")}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
