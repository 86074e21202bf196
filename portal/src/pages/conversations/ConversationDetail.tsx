import { Badge, Paper, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { PageHeader, QueryState } from "../../components/page";
import { useFormat } from "../../i18n/format";

/** A readable text for any message type: its text, caption, template name or kind. */
function messageText(type: string, content: Record<string, unknown>): string {
  const part = (content[type] ?? {}) as Record<string, unknown>;
  const interactiveBody = (part.body as { text?: unknown } | undefined)?.text;
  const body = [part.body, part.caption, part.name, part.emoji, interactiveBody].find(
    (value): value is string => typeof value === "string" && value !== "",
  );
  return body ?? `[${type}]`;
}

export default function ConversationDetail() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = "" } = useParams();
  const conversation = useQuery({
    queryKey: ["conversation", id],
    queryFn: () => unwrap(api.GET("/v1/conversations/{id}", { params: { path: { id } } })),
  });
  const messages = useQuery({
    queryKey: ["messages", id],
    queryFn: () => unwrap(api.GET("/v1/messages", { params: { query: { conversationId: id, limit: 100 } } })),
  });
  return (
    <QueryState query={conversation}>
      {(data) => (
        <>
          <PageHeader
            title={data.contact.name || data.contact.phone}
            actions={<Badge variant="light">{t(`conversations.${data.status}`)}</Badge>}
          />
          <Text c="dimmed" mb="md">
            {data.contact.phone} ·{" "}
            {data.windowOpen
              ? t("conversations.windowOpen", { time: format.dateTime(data.windowExpiresAt) })
              : t("conversations.windowClosed")}
          </Text>
          <QueryState query={messages} empty={(page) => page.data.length === 0}>
            {(page) => (
              <Stack gap="xs" maw={640} aria-label={t("conversations.messages")}>
                {[...page.data].reverse().map((message) => {
                  const inbound = message.direction === "inbound";
                  return (
                    <Paper
                      key={message.id}
                      p="sm"
                      withBorder
                      maw="85%"
                      ml={inbound ? 0 : "auto"}
                      bg={inbound ? "white" : "teal.0"}
                    >
                      <Text size="xs" c="dimmed">
                        {inbound ? t("conversations.inbound") : t("conversations.outbound")} ·{" "}
                        {format.dateTime(message.createdAt)} · {message.status}
                      </Text>
                      <Text style={{ whiteSpace: "pre-wrap" }}>
                        {messageText(message.type, (message.content ?? {}) as Record<string, unknown>)}
                      </Text>
                    </Paper>
                  );
                })}
              </Stack>
            )}
          </QueryState>
        </>
      )}
    </QueryState>
  );
}
