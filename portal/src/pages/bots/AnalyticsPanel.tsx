import { SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { QueryState, TableScroll } from "../../components/page";
import { useAnalytics } from "./api";

const TOTALS = ["sessions", "completions", "handovers", "dropOffs", "active"] as const;

/** Sessions, completions, handovers and drop-offs of the flow, and per node who entered and stopped there. */
export function AnalyticsPanel({ flowId }: { flowId: string }) {
  const { t } = useTranslation();
  const analytics = useAnalytics(flowId);
  return (
    <QueryState query={analytics}>
      {(data) => (
        <Stack gap="sm" data-testid="analytics">
          <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs">
            {TOTALS.map((key) => (
              <div key={key}>
                <Text size="xs" c="dimmed">
                  {t(`bots.analytics.${key}`)}
                </Text>
                <Text fw={700} size="lg" data-testid={`analytics-${key}`}>
                  {data[key]}
                </Text>
              </div>
            ))}
          </SimpleGrid>
          <TableScroll label={t("bots.analytics.perNode")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("bots.analytics.node")}</Table.Th>
                  <Table.Th>{t("bots.analytics.entered")}</Table.Th>
                  <Table.Th>{t("bots.analytics.droppedOff")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.nodes.map((row) => (
                  <Table.Tr key={row.nodeId}>
                    <Table.Td>{row.nodeId}</Table.Td>
                    <Table.Td>{row.entered}</Table.Td>
                    <Table.Td>{row.droppedOff}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </Stack>
      )}
    </QueryState>
  );
}
