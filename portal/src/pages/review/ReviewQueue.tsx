import { Anchor, Badge, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { StatusBadge } from "../templates/StatusBadge";

export default function ReviewQueue() {
  const { t } = useTranslation();
  const format = useFormat();
  const queue = useQuery({
    queryKey: ["template-reviews"],
    queryFn: () => unwrap(api.GET("/v1/admin/template-reviews", { params: { query: { limit: 100 } } })),
  });
  return (
    <>
      <PageHeader title={t("review.title")} />
      <Text c="dimmed" mb="md">
        {t("review.intro")}
      </Text>
      <QueryState query={queue}>
        {(data) =>
          data.data.length === 0 ? (
            <Text>{t("review.empty")}</Text>
          ) : (
            <TableScroll>
              <Table striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("templates.name")}</Table.Th>
                    <Table.Th>{t("review.tenant")}</Table.Th>
                    <Table.Th>{t("templates.category")}</Table.Th>
                    <Table.Th>{t("templates.status")}</Table.Th>
                    <Table.Th>{t("review.findings")}</Table.Th>
                    <Table.Th>{t("review.requested")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.data.map((item) => {
                    const blocks = (item.policyFindings ?? []).filter((f) => f.severity === "block").length;
                    const warns = (item.policyFindings ?? []).length - blocks;
                    return (
                      <Table.Tr key={item.id}>
                        <Table.Td>
                          <Anchor component={Link} to={`/review/${item.id}`}>
                            {item.name}
                          </Anchor>
                          <Text size="xs" c="dimmed">
                            {item.language}
                          </Text>
                        </Table.Td>
                        <Table.Td>{item.tenant.name}</Table.Td>
                        <Table.Td>{item.category}</Table.Td>
                        <Table.Td>
                          <StatusBadge status={item.status} />
                        </Table.Td>
                        <Table.Td>
                          {blocks > 0 ? (
                            <Badge color="red" variant="light" mr={4}>
                              {t("review.severity.block")}: {blocks}
                            </Badge>
                          ) : null}
                          {warns > 0 ? (
                            <Badge color="yellow" variant="light">
                              {t("review.severity.warn")}: {warns}
                            </Badge>
                          ) : null}
                          {blocks + warns === 0 ? "—" : null}
                        </Table.Td>
                        <Table.Td>{format.dateTime(item.reviewRequestedAt ?? item.updatedAt)}</Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
    </>
  );
}
