import { Anchor, Badge, Divider, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { QueryState } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { LabelsInput } from "./ConversationActions";
import { type Conversation, inboxKeys } from "./inbox-api";

/** The contact beside the conversation: attributes, tags, consent, earlier conversations; and labels. */
export function ContactPanel({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const format = useFormat();
  const panel = useQuery({
    queryKey: inboxKeys.panel(conversation.id),
    queryFn: () =>
      unwrap(api.GET("/v1/conversations/{id}/contact-panel", { params: { path: { id: conversation.id } } })),
  });
  return (
    <Stack gap="sm" p="sm" component="section" aria-label={t("inbox.contactPanel")}>
      <LabelsInput conversation={conversation} />
      <QueryState query={panel}>
        {({ contact, conversations }) => (
          <>
            <Title order={2} size="h4">
              {contact.name ?? contact.phone ?? contact.userId}
            </Title>
            <Text size="sm">{contact.phone ?? contact.userId}</Text>
            <Group gap={4}>
              {contact.tags.map((tag) => (
                <Badge key={tag} variant="light" size="sm">
                  {tag}
                </Badge>
              ))}
            </Group>
            <Text size="sm" data-testid="consent">
              {contact.optedOutAt
                ? t("inbox.consentOut", { time: format.dateTime(contact.optedOutAt) })
                : contact.optedInAt
                  ? t("inbox.consentIn", { time: format.dateTime(contact.optedInAt) })
                  : t("inbox.consentNone")}
            </Text>
            <Divider label={t("inbox.attributes")} labelPosition="left" />
            {Object.keys(contact.attributes).length ? (
              <Table fz="sm" withRowBorders={false}>
                <Table.Tbody>
                  {Object.entries(contact.attributes).map(([key, value]) => (
                    <Table.Tr key={key}>
                      <Table.Th>{key}</Table.Th>
                      <Table.Td style={{ overflowWrap: "anywhere" }}>
                        {typeof value === "string" ? value : JSON.stringify(value)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Text size="sm" c="dimmed">
                {t("inbox.noAttributes")}
              </Text>
            )}
            <Divider label={t("inbox.earlier")} labelPosition="left" />
            {conversations.length ? (
              conversations.map((other) => (
                <Anchor key={other.id} component={Link} to={`/conversations/${other.id}`} size="sm">
                  {format.dateTime(other.lastMessageAt)} · {t(`conversations.${other.status}`)} ·{" "}
                  {other.lastMessagePreview ?? ""}
                </Anchor>
              ))
            ) : (
              <Text size="sm" c="dimmed">
                {t("inbox.noEarlier")}
              </Text>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
