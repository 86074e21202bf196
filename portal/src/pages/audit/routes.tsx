import { Code, Group, Table, TextInput } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useDebouncedValue } from "@mantine/hooks";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { LoadMore, PageHeader, QueryState, TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";

const PAGE = 50;

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const [action, setAction] = useState("");
  const [before, setBefore] = useState<string | null>(null);
  const [debouncedAction] = useDebouncedValue(action.trim(), 300);
  const log = useInfiniteQuery({
    queryKey: ["audit", debouncedAction, before],
    initialPageParam: before ?? undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/v1/audit-log", {
          params: {
            query: {
              limit: PAGE,
              ...(debouncedAction ? { action: debouncedAction } : {}),
              ...(pageParam ? { before: new Date(pageParam).toISOString() } : {}),
            },
          },
        }),
      ),
    // The log pages by time: the next page is what happened before the last entry shown.
    getNextPageParam: (page) => (page.data.length === PAGE ? page.data.at(-1)?.at : undefined),
  });
  return (
    <>
      <PageHeader title={t("audit.title")} />
      <Group mb="md" align="end" wrap="wrap">
        <TextInput
          label={t("audit.action")}
          placeholder="template.approved"
          value={action}
          onChange={(event) => setAction(event.currentTarget.value)}
        />
        <DateTimePicker
          label={t("audit.before")}
          value={before}
          onChange={(value) => setBefore(value ? String(value) : null)}
          clearable
          locale={i18n.resolvedLanguage}
          miw={220}
        />
      </Group>
      <QueryState query={log} empty={(data) => data.pages[0]?.data.length === 0}>
        {(data) => (
          <TableScroll>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("audit.at")}</Table.Th>
                  <Table.Th>{t("audit.action")}</Table.Th>
                  <Table.Th>{t("audit.actor")}</Table.Th>
                  <Table.Th>{t("audit.target")}</Table.Th>
                  <Table.Th>{t("audit.details")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.pages
                  .flatMap((page) => page.data)
                  .map((entry) => (
                    <Table.Tr key={entry.id}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(entry.at)}</Table.Td>
                      <Table.Td>
                        <Code>{entry.action}</Code>
                      </Table.Td>
                      <Table.Td>{entry.actor}</Table.Td>
                      <Table.Td>
                        {entry.targetType ? `${entry.targetType} ${entry.targetId ?? ""}` : "—"}
                      </Table.Td>
                      <Table.Td>
                        <Code style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
                          {entry.data ? JSON.stringify(entry.data) : "—"}
                        </Code>
                      </Table.Td>
                    </Table.Tr>
                  ))}
              </Table.Tbody>
            </Table>
            <LoadMore query={log} />
          </TableScroll>
        )}
      </QueryState>
    </>
  );
}
