import { Anchor, Button, Group, Select, Table, Text, TextInput } from "@mantine/core";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import type { TemplateStatus } from "../../api/types";
import { canUse } from "../../auth/roles";
import { useSignedIn } from "../../auth/session";
import { notifySuccess } from "../../components/notify";
import { LoadMore, PageHeader, QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { QualityBadge } from "../numbers/NumbersPage";
import { CATEGORIES } from "./model";
import { StatusBadge } from "./StatusBadge";

const STATUSES: TemplateStatus[] = [
  "draft",
  "in_review",
  "policy_rejected",
  "pending",
  "approved",
  "rejected",
  "paused",
  "disabled",
];

export default function TemplatesList() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSignedIn();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [name, setName] = useState("");
  const filters = {
    ...(status ? { status: status as TemplateStatus } : {}),
    ...(category ? { category: category as (typeof CATEGORIES)[number] } : {}),
    ...(name.trim() ? { name: name.trim() } : {}),
  };
  const list = useInfiniteQuery({
    queryKey: ["templates", filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(api.GET("/v1/templates", { params: { query: { ...filters, limit: 50, cursor: pageParam } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const sync = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/templates/sync", { body: {} })),
    onSuccess: () => {
      notifySuccess(t("templates.synced"));
      void queryClient.invalidateQueries({ queryKey: ["templates"] });
    },
  });
  const canEdit = canUse(session.user.role, "templateEditor");
  return (
    <>
      <PageHeader
        title={t("templates.title")}
        actions={
          canEdit ? (
            <>
              <Button variant="default" onClick={() => sync.mutate()} loading={sync.isPending}>
                {t("templates.sync")}
              </Button>
              <Button component={Link} to="/templates/new">
                {t("templates.new")}
              </Button>
            </>
          ) : null
        }
      />
      <ProblemAlert error={sync.error} />
      <Group mb="md" align="end" wrap="wrap">
        <TextInput
          label={t("templates.searchName")}
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          type="search"
        />
        <Select
          label={t("templates.status")}
          placeholder={t("templates.anyStatus")}
          data={STATUSES.map((value) => ({ value, label: t(`templates.statuses.${value}`) }))}
          value={status}
          onChange={setStatus}
          clearable
        />
        <Select
          label={t("templates.category")}
          placeholder={t("templates.anyCategory")}
          data={[...CATEGORIES]}
          value={category}
          onChange={setCategory}
          clearable
        />
      </Group>
      <QueryState query={list} empty={(data) => data.pages[0]?.data.length === 0}>
        {(data) => (
          <TableScroll>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("templates.name")}</Table.Th>
                  <Table.Th>{t("templates.language")}</Table.Th>
                  <Table.Th>{t("templates.category")}</Table.Th>
                  <Table.Th>{t("templates.status")}</Table.Th>
                  <Table.Th>{t("templates.quality")}</Table.Th>
                  <Table.Th>{t("templates.updated")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((page) => page.data)
                  .map((template) => (
                    <Table.Tr key={template.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/templates/${template.id}`}>
                          {template.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{template.language}</Table.Td>
                      <Table.Td>{template.category}</Table.Td>
                      <Table.Td>
                        <StatusBadge status={template.status} />
                        {template.statusReason ? (
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {template.statusReason}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>
                        <QualityBadge value={template.qualityScore} />
                      </Table.Td>
                      <Table.Td>{format.dateTime(template.updatedAt)}</Table.Td>
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
