import { Badge, Box, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../../components/problem";
import { simulateFlow } from "./api";
import type { BotMessage, Inbound, SimulationResult } from "./model";

function ReplyBubble({ message, onTap }: { message: BotMessage; onTap: (reply: Inbound) => void }) {
  const text =
    message.kind === "template"
      ? `[${message.name}]`
      : message.kind === "media"
        ? `[${message.mediaType}] ${message.caption ?? message.link}`
        : message.text;
  const options = message.kind === "buttons" ? message.buttons : message.kind === "list" ? message.rows : [];
  return (
    <Paper p={8} radius="md" bg="gray.1" maw="85%" data-testid="sim-reply">
      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
        {text}
      </Text>
      {options.length ? (
        <Group gap={4} mt={6}>
          {options.map((option) => (
            <Button
              key={option.id}
              size="compact-xs"
              variant="default"
              onClick={() => onTap({ text: option.title, replyId: option.id })}
            >
              {option.title}
            </Button>
          ))}
        </Group>
      ) : null}
    </Paper>
  );
}

/**
 * A chat with the draft on the real bot runtime (no WhatsApp): each message replays the whole
 * conversation through POST .../simulate, which is stateless, after saving the draft.
 */
export function SimulatorPanel({ flowId, beforeRun }: { flowId: string; beforeRun: () => Promise<void> }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<Inbound[]>([]);
  const [result, setResult] = useState<SimulationResult | null>(null);
  const [text, setText] = useState("");
  const run = useMutation({
    mutationFn: async (next: Inbound[]) => {
      await beforeRun();
      return simulateFlow(flowId, next);
    },
    onSuccess: (data, next) => {
      setMessages(next);
      setResult(data);
    },
  });
  const send = (message: Inbound) => {
    if (!message.text.trim() && !message.replyId) return;
    run.mutate([...messages, message]);
    setText("");
  };
  const restart = () => {
    setMessages([]);
    setResult(null);
    run.reset();
  };
  const status = result?.state.status;
  return (
    <Stack gap="xs" data-testid="simulator">
      <Text size="xs" c="dimmed">
        {t("bots.sim.hint")}
      </Text>
      <Stack gap={6} role="log" aria-label={t("bots.sim.title")} mih={120}>
        {result?.turns.map((turn, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: turns are replayed in order and never reordered
          <Stack key={index} gap={4}>
            {turn.message ? (
              <Box style={{ alignSelf: "flex-end" }} maw="85%">
                <Paper p={8} radius="md" bg="teal.1">
                  <Text size="sm">{turn.message.text}</Text>
                </Paper>
              </Box>
            ) : null}
            {turn.replies.map((reply, r) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: replies of one turn keep their order
              <ReplyBubble key={r} message={reply} onTap={send} />
            ))}
          </Stack>
        ))}
      </Stack>
      {status && status !== "active" ? (
        <Group gap="xs" data-testid="sim-status">
          <Badge color={status === "handed_over" ? "teal" : "gray"}>{t(`bots.status.${status}`)}</Badge>
          {result?.handover ? (
            <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
              {result.handover.note}
            </Text>
          ) : null}
        </Group>
      ) : null}
      <ProblemAlert error={run.error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          send({ text });
        }}
      >
        <Group gap={4} wrap="nowrap">
          <TextInput
            style={{ flex: 1 }}
            label={t("bots.sim.message")}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
          />
          <Button type="submit" loading={run.isPending} mt={24}>
            {t("bots.sim.send")}
          </Button>
        </Group>
      </form>
      <Button variant="subtle" size="xs" onClick={restart} w="fit-content">
        {t("bots.sim.restart")}
      </Button>
    </Stack>
  );
}
