import { Anchor, Badge, Group, SegmentedControl, Table, Text } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { LoadMore, PageHeader, QueryState, TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";

export default function ConversationsList() {
  const { t } = useTranslation();
  const format = useFormat();
  const [status, setStatus] = useState("all");
  const list = useInfiniteQuery({
    queryKey: ["conversations", status],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/v1/conversations", {
          params: {
            query: {
              ...(status === "all" ? {} : { status: status as "open" | "pending" | "snoozed" | "resolved" }),
              limit: 50,
              cursor: pageParam,
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <>
      <PageHeader title={t("conversations.title")} />
      <Text c="dimmed" mb="sm">
        {t("conversations.readOnly")}
      </Text>
      <SegmentedControl
        mb="md"
        aria-label={t("conversations.status")}
        value={status}
        onChange={setStatus}
        data={[
          { value: "all", label: t("app.all") },
          { value: "open", label: t("conversations.open") },
          { value: "resolved", label: t("conversations.closed") },
        ]}
      />
      <QueryState query={list} empty={(data) => data.pages[0]?.data.length === 0}>
        {(data) => (
          <TableScroll>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("conversations.contact")}</Table.Th>
                  <Table.Th>{t("conversations.lastMessage")}</Table.Th>
                  <Table.Th>{t("conversations.unread")}</Table.Th>
                  <Table.Th>{t("conversations.window")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((page) => page.data)
                  .map((conversation) => (
                    <Table.Tr key={conversation.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/conversations/${conversation.id}`}>
                          {conversation.contact.name ||
                            conversation.contact.phone ||
                            conversation.contact.userId}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          {conversation.contact.phone ?? conversation.contact.userId}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" lineClamp={2}>
                          {conversation.lastMessagePreview ?? "—"}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {format.dateTime(conversation.lastMessageAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        {conversation.unreadCount > 0 ? (
                          <Badge color="teal">{format.number(conversation.unreadCount)}</Badge>
                        ) : (
                          "—"
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {conversation.windowOpen
                            ? t("conversations.windowOpen", {
                                time: format.dateTime(conversation.windowExpiresAt),
                              })
                            : t("conversations.windowClosed")}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            <LoadMore query={list} />
          </TableScroll>
        )}
      </QueryState>
    </>
  );
}
