import { BarChart } from "@mantine/charts";
import {
  Badge,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { useFormat } from "../../i18n/format";
import { STAGE_KEYS, type StageKey } from "../activation/model";
import { SlaClock, StageStatusBadge } from "../activation/StageCard";
import { type BoardFilter, type BoardRow, type BoardStats, tenantName } from "./model";
import { NotificationReviews } from "./NotificationReviews";
import { RecordOutcome } from "./RecordOutcome";

const NO_FILTER: BoardFilter = { stage: null, owner: null, status: null, breached: null };

function useBoard(filter: BoardFilter) {
  return useQuery({
    queryKey: ["admin-activations", filter],
    queryFn: async () => {
      const query = Object.fromEntries(Object.entries(filter).filter(([, value]) => value));
      return (
        (await unwrap(api.GET("/v1/admin/activations", { params: { query } }))) as unknown as {
          data: BoardRow[];
        }
      ).data;
    },
  });
}

function Filters({ filter, onChange }: { filter: BoardFilter; onChange: (filter: BoardFilter) => void }) {
  const { t } = useTranslation();
  const select = (key: keyof BoardFilter, label: string, data: { value: string; label: string }[]) => (
    <Select
      label={label}
      placeholder={t("app.all")}
      clearable
      data={data}
      value={filter[key]}
      onChange={(value) => onChange({ ...filter, [key]: value })}
      w={{ base: "100%", xs: 200 }}
    />
  );
  return (
    <Group gap="sm" wrap="wrap" align="flex-end">
      {select(
        "stage",
        t("platform.stage"),
        STAGE_KEYS.map((value) => ({ value, label: t(`activation.stage.${value}`) })),
      )}
      {select(
        "owner",
        t("platform.owner"),
        ["tenant", "platform", "meta"].map((value) => ({ value, label: t(`platform.owners.${value}`) })),
      )}
      {select(
        "status",
        t("platform.status"),
        ["in_progress", "activated"].map((value) => ({ value, label: t(`activation.overall.${value}`) })),
      )}
      {select("breached", t("platform.sla"), [
        { value: "true", label: t("platform.breachedOnly") },
        { value: "false", label: t("platform.onTime") },
      ])}
    </Group>
  );
}

/** How many tenants wait at each stage; a click filters the board to that stage. */
function ByStage({ rows, onPick }: { rows: BoardRow[]; onPick: (stage: StageKey) => void }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs">
      {STAGE_KEYS.map((stage) => {
        const here = rows.filter((row) => row.status !== "activated" && row.currentStage === stage);
        const breached = here.filter((row) => row.slaBreached).length;
        return (
          <UnstyledButton
            key={stage}
            onClick={() => onPick(stage)}
            title={t("platform.filterStage", { stage: t(`activation.stage.${stage}`) })}
          >
            <Card
              withBorder
              padding="xs"
              bg={breached > 0 ? "red.0" : undefined}
              data-testid={`column-${stage}`}
            >
              <Text size="xs" c="dimmed">
                {t(`activation.stage.${stage}`)}
              </Text>
              <Text fw={700} size="xl">
                {here.length}
              </Text>
              {breached > 0 ? (
                <Badge color="red" size="xs">
                  {t("platform.breaches", { count: breached })}
                </Badge>
              ) : null}
            </Card>
          </UnstyledButton>
        );
      })}
    </SimpleGrid>
  );
}

/** Average hours per stage against its SLA, and the total against Meta's 2 to 7 days. */
function Stats() {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useQuery({
    queryKey: ["admin-activations", "stats"],
    queryFn: async () => (await unwrap(api.GET("/v1/admin/activations/stats"))) as unknown as BoardStats,
  });
  return (
    <QueryState query={stats}>
      {(data) => (
        <Card withBorder>
          <Stack gap="xs">
            <Group justify="space-between" wrap="wrap">
              <Title order={2} size="h4">
                {t("platform.averages")}
              </Title>
              <Text size="sm" data-testid="average-total">
                {data.total.averageDays === null
                  ? t("platform.noneActivated")
                  : t("platform.totalAverage", {
                      days: format.number(data.total.averageDays),
                      activated: data.total.activated,
                    })}
              </Text>
            </Group>
            <BarChart
              h={200}
              data={data.stages.map((stage) => ({
                stage: t(`activation.stage.${stage.stage}`),
                average: stage.averageHours ?? 0,
                sla: stage.slaHours,
              }))}
              dataKey="stage"
              series={[
                { name: "average", label: t("platform.averageHours"), color: "teal.7" },
                { name: "sla", label: t("platform.slaHours"), color: "gray.5" },
              ]}
              valueFormatter={(value) => t("platform.hours", { value: format.number(value) })}
              withLegend
            />
          </Stack>
        </Card>
      )}
    </QueryState>
  );
}

function BoardTable({ rows }: { rows: BoardRow[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableScroll label={t("platform.board")}>
      <Table highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("platform.tenant")}</Table.Th>
            <Table.Th>{t("platform.stage")}</Table.Th>
            <Table.Th>{t("platform.owner")}</Table.Th>
            <Table.Th>{t("platform.sla")}</Table.Th>
            <Table.Th>{t("platform.started")}</Table.Th>
            <Table.Th>{t("app.actions")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const current = row.stages.find((stage) => stage.stage === row.currentStage);
            return (
              <Table.Tr
                key={row.requestId}
                bg={row.slaBreached ? "red.0" : undefined}
                data-breached={row.slaBreached}
              >
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {tenantName(row)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {row.company}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {row.status === "activated" ? (
                    <Badge color="teal">{t("activation.overall.activated")}</Badge>
                  ) : (
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm">{t(`activation.stage.${row.currentStage}`)}</Text>
                      {row.currentStatus ? <StageStatusBadge status={row.currentStatus} /> : null}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  {row.owner && row.status !== "activated" ? t(`platform.owners.${row.owner}`) : "—"}
                </Table.Td>
                <Table.Td>
                  <SlaClock
                    dueAt={current?.dueAt ?? null}
                    done={row.status === "activated" || current?.status === "done"}
                  />
                  {row.breaches
                    .filter((breach) => breach.stage !== row.currentStage)
                    .map((breach) => (
                      <Text key={breach.stage} size="xs" c="red.9">
                        {t(`activation.stage.${breach.stage}`)}:{" "}
                        {t("platform.overdueHours", { count: breach.overdueHours })}
                      </Text>
                    ))}
                </Table.Td>
                <Table.Td>{format.date(row.createdAt)}</Table.Td>
                <Table.Td>{row.status !== "activated" ? <RecordOutcome row={row} /> : null}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The platform's board: every tenant's activation by stage, SLA breaches, averages, and the notifications review. */
export default function ActivationBoard() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const all = useBoard(NO_FILTER);
  const board = useBoard(filter);
  return (
    <>
      <PageHeader title={t("platform.title")} />
      <Stack gap="lg">
        {all.data ? (
          <ByStage
            rows={all.data}
            onPick={(stage) => setFilter({ ...filter, stage, status: "in_progress" })}
          />
        ) : null}
        <Stats />
        <Card withBorder>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t("platform.board")}
            </Title>
            <Filters filter={filter} onChange={setFilter} />
            <QueryState query={board} empty={(rows) => rows.length === 0}>
              {(rows) => <BoardTable rows={rows} />}
            </QueryState>
          </Stack>
        </Card>
        <NotificationReviews />
      </Stack>
    </>
  );
}
