import { Anchor, Badge, Group, Table } from "@mantine/core";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { LoadMore } from "../../components/page";

interface Recipient {
  contactId: string;
  phone: string | null;
  name: string | null;
  status: string;
  skipReason: string | null;
  errorCode: number | null;
  repliedAt: string | null;
}

/** The campaign's recipients with their status, page by page, and the CSV export of all of them. */
export function RecipientsTable({ id }: { id: string }) {
  const { t } = useTranslation();
  const list = useInfiniteQuery({
    queryKey: ["campaign-recipients", id],
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await unwrap(
        api.GET("/v1/campaigns/{id}/recipients", {
          params: { path: { id }, query: { limit: 50, cursor: pageParam } },
        }),
      )) as unknown as { data: Recipient[]; nextCursor: string | null },
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // Statuses keep arriving after the send: the first pages are refreshed now and then.
    refetchInterval: 10_000,
  });
  const rows = list.data?.pages.flatMap((page) => page.data) ?? [];
  return (
    <>
      <Group justify="space-between" my="xs">
        <strong>{t("campaigns.recipients")}</strong>
        <Anchor href={`/v1/campaigns/${id}/recipients.csv`} download>
          {t("campaigns.exportCsv")}
        </Anchor>
      </Group>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("campaigns.contact")}</Table.Th>
            <Table.Th>{t("campaigns.status")}</Table.Th>
            <Table.Th>{t("campaigns.error")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.contactId}>
              <Table.Td>{row.name ?? row.phone ?? row.contactId}</Table.Td>
              <Table.Td>
                <Badge variant="light">{row.status}</Badge>
                {row.repliedAt ? (
                  <Badge variant="light" color="grape" ml={4}>
                    {t("campaigns.counters.replied")}
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>
                {row.skipReason
                  ? t(`campaigns.reasons.${row.skipReason}`, row.skipReason)
                  : (row.errorCode ?? "")}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <LoadMore query={list} />
    </>
  );
}
