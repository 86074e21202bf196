import { Anchor, Badge, Group, Table, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import type { Contact } from "../../api/types";
import { LoadMore, PageHeader, QueryState, TableScroll } from "../../components/page";
import { AddContact } from "./AddContact";
import { ConsentBadge } from "./ConsentBadge";

export default function ContactsList() {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const [tag, setTag] = useState("");
  const [filters] = useDebouncedValue({ q: q.trim(), tag: tag.trim() }, 300);
  const list = useInfiniteQuery({
    queryKey: ["contacts", filters],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) => {
      const page = await unwrap(
        api.GET("/v1/contacts", {
          params: {
            query: {
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.tag ? { tag: filters.tag } : {}),
              limit: 50,
              cursor: pageParam,
            },
          },
        }),
      );
      return page as unknown as { data: Contact[]; nextCursor: string | null };
    },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  return (
    <>
      <PageHeader title={t("contacts.title")} actions={<AddContact />} />
      <Group mb="md" align="end" wrap="wrap">
        <TextInput
          label={t("contacts.search")}
          type="search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        <TextInput label={t("contacts.tag")} value={tag} onChange={(e) => setTag(e.currentTarget.value)} />
      </Group>
      <QueryState query={list} empty={(data) => data.pages[0]?.data.length === 0}>
        {(data) => (
          <TableScroll>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("contacts.name")}</Table.Th>
                  <Table.Th>{t("contacts.phone")}</Table.Th>
                  <Table.Th>{t("contacts.tags")}</Table.Th>
                  <Table.Th>{t("contacts.consent")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((page) => page.data)
                  .map((contact) => (
                    <Table.Tr key={contact.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/contacts/${contact.id}`}>
                          {contact.name || contact.phone || contact.userId}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{contact.phone ?? contact.userId}</Table.Td>
                      <Table.Td>
                        <Group gap={4}>
                          {contact.tags.map((value) => (
                            <Badge key={value} variant="outline" color="gray">
                              {value}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <ConsentBadge contact={contact} />
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
