import { Anchor, Button, Group, Stack, Table, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { fetchLists, type Segment } from "./api";

/** The tenant's segments (with their member counts) and static lists. */
export default function Segments() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const segments = useQuery({
    queryKey: ["segments"],
    queryFn: () => unwrap(api.GET("/v1/segments")).then((page) => page.data as Segment[]),
  });
  const lists = useQuery({ queryKey: ["lists"], queryFn: fetchLists });
  const [listName, setListName] = useState("");
  const createList = useMutation({
    mutationFn: (name: string) => unwrap(api.POST("/v1/lists", { body: { name } })),
    onSuccess: () => {
      setListName("");
      void queryClient.invalidateQueries({ queryKey: ["lists"] });
    },
  });
  return (
    <Stack gap="xl">
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3">
            {t("audiences.segments.title")}
          </Title>
          <Button component={Link} to="/audiences/segments/new">
            {t("audiences.segments.new")}
          </Button>
        </Group>
        <QueryState query={segments} empty={(data) => data.length === 0}>
          {(data) => (
            <TableScroll label={t("audiences.segments.title")}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("audiences.segments.name")}</Table.Th>
                    <Table.Th>{t("audiences.segments.members")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((segment) => (
                    <Table.Tr key={segment.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/audiences/segments/${segment.id}`}>
                          {segment.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{segment.memberCount.toLocaleString()}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </QueryState>
      </Stack>
      <Stack>
        <Title order={2} size="h3">
          {t("audiences.lists.title")}
        </Title>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (listName.trim()) createList.mutate(listName.trim());
          }}
        >
          <Group align="end" wrap="wrap">
            <TextInput
              label={t("audiences.lists.name")}
              value={listName}
              onChange={(event) => setListName(event.currentTarget.value)}
            />
            <Button type="submit" variant="light" loading={createList.isPending}>
              {t("audiences.lists.create")}
            </Button>
          </Group>
        </form>
        <ProblemAlert error={createList.error} />
        <QueryState query={lists} empty={(data) => data.length === 0}>
          {(data) => (
            <TableScroll label={t("audiences.lists.title")}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("audiences.lists.name")}</Table.Th>
                    <Table.Th>{t("audiences.lists.members")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.map((list) => (
                    <Table.Tr key={list.id}>
                      <Table.Td>{list.name}</Table.Td>
                      <Table.Td>{list.memberCount.toLocaleString()}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )}
        </QueryState>
      </Stack>
    </Stack>
  );
}
