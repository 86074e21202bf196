import { Anchor, Code, Stack, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { QueryState, TableScroll } from "../../components/page";

export function EventCatalogue() {
  const { t } = useTranslation();
  const types = useQuery({
    queryKey: ["webhook-event-types"],
    queryFn: () => unwrap(api.GET("/v1/webhook-event-types")),
  });
  return (
    <Stack>
      <Anchor href="/docs" target="_blank">
        {t("developers.docsLink")}
      </Anchor>
      <QueryState query={types}>
        {(data) => (
          <TableScroll>
            <Table>
              <Table.Tbody>
                {data.data.map((type) => (
                  <Table.Tr key={type.type}>
                    <Table.Td>
                      <Code>{type.type}</Code>
                    </Table.Td>
                    <Table.Td>{type.description}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </QueryState>
    </Stack>
  );
}
