import { AreaChart } from "@mantine/charts";
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { type Campaign, COUNTERS, STATUS_COLOR } from "./model";
import { useCampaignMoney } from "./money";
import { RecipientsTable } from "./RecipientsTable";

type Point = { at: string; sent: number; delivered: number; read: number };

/** The campaign's `campaign.*` events on the SSE stream, merged into the cached campaign as they come. */
function useLiveCampaign(id: string, onPoint: (campaign: Campaign) => void) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const source = new EventSource("/v1/events/stream", { withCredentials: true });
    const apply = (event: MessageEvent) => {
      const payload = JSON.parse(event.data) as { data: Campaign };
      if (payload.data.id !== id) return;
      queryClient.setQueryData<Campaign>(["campaign", id], (old) =>
        old ? { ...old, ...payload.data } : old,
      );
      onPoint(payload.data);
    };
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    source.addEventListener("campaign.progress", apply);
    source.addEventListener("campaign.status_changed", (event) => {
      apply(event);
      void queryClient.invalidateQueries({ queryKey: ["campaign", id] });
    });
    return () => source.close();
  }, [id, queryClient, onPoint]);
  return live;
}

function Breakdown({
  title,
  rows,
  label,
  testId,
}: {
  title: string;
  rows: Record<string, number>;
  label: (key: string) => string;
  testId?: string;
}) {
  const entries = Object.entries(rows);
  if (entries.length === 0) return null;
  return (
    <Card withBorder data-testid={testId}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      <Table>
        <Table.Tbody>
          {entries.map(([key, count]) => (
            <Table.Tr key={key}>
              <Table.Td>{label(key)}</Table.Td>
              <Table.Td ta="right">{count}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Actions({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const change = useMutation({
    mutationFn: (action: "pause" | "resume" | "cancel" | "launch") =>
      // Every action has the same shape: POST /v1/campaigns/{id}/<action>.
      unwrap(
        api.POST(`/v1/campaigns/{id}/${action}` as "/v1/campaigns/{id}/pause", {
          params: { path: { id: campaign.id } },
        }),
      ),
    onSuccess: (data) =>
      queryClient.setQueryData(["campaign", campaign.id], (old: Campaign) => ({
        ...old,
        ...(data as unknown as Campaign),
      })),
  });
  const can = {
    launch: campaign.status === "draft",
    pause: campaign.status === "running" || campaign.status === "scheduled",
    resume: campaign.status === "paused",
    cancel: !["completed", "cancelled"].includes(campaign.status),
  };
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {can.launch ? <Button onClick={() => change.mutate("launch")}>{t("campaigns.launch")}</Button> : null}
        {can.pause ? (
          <Button variant="light" onClick={() => change.mutate("pause")}>
            {t("campaigns.pause")}
          </Button>
        ) : null}
        {can.resume ? <Button onClick={() => change.mutate("resume")}>{t("campaigns.resume")}</Button> : null}
        {can.cancel ? (
          <Button color="red" variant="light" onClick={() => change.mutate("cancel")}>
            {t("campaigns.cancel")}
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={change.error} />
    </Stack>
  );
}

export default function CampaignDetail() {
  const { t } = useTranslation();
  const money = useCampaignMoney();
  const metaCode = (code: string) => `${code} ${t(`campaigns.metaCodes.${code}`, "")}`.trim();
  const { id = "" } = useParams();
  const [points, setPoints] = useState<Point[]>([]);
  const query = useQuery({
    queryKey: ["campaign", id],
    queryFn: async () =>
      (await unwrap(api.GET("/v1/campaigns/{id}", { params: { path: { id } } }))) as unknown as Campaign,
    refetchInterval: 10_000,
  });
  const [onPoint] = useState(() => (campaign: Campaign) => {
    const at = new Date().toLocaleTimeString();
    setPoints((list) => [
      ...list.slice(-59),
      { at, sent: campaign.sent, delivered: campaign.delivered, read: campaign.read },
    ]);
  });
  const live = useLiveCampaign(id, onPoint);
  return (
    <QueryState query={query}>
      {(campaign) => {
        const target = campaign.estimate?.sendable ?? campaign.queued;
        return (
          <Stack>
            <PageHeader
              title={campaign.name}
              actions={
                <Group gap="xs">
                  <Badge color={STATUS_COLOR[campaign.status]} size="lg" data-testid="campaign-status">
                    {t(`campaigns.statuses.${campaign.status}`)}
                  </Badge>
                  {live ? (
                    <Badge color="green" variant="dot">
                      {t("campaigns.live")}
                    </Badge>
                  ) : null}
                </Group>
              }
            />
            {campaign.holding ? (
              <Alert color="yellow">{t(`campaigns.holding.${campaign.holding}`, campaign.holding)}</Alert>
            ) : null}
            <Actions campaign={campaign} />
            <Card withBorder>
              <Text size="sm" mb={4}>
                {t("campaigns.progress")}: {campaign.delivered} / {target}
              </Text>
              <Progress
                value={target ? (100 * campaign.delivered) / target : 0}
                aria-label={t("campaigns.progress")}
              />
            </Card>
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {COUNTERS.map((counter) => (
                <Card withBorder key={counter} data-testid={`counter-${counter}`}>
                  <Text size="xs" c="dimmed">
                    {t(`campaigns.counters.${counter}`)}
                  </Text>
                  <Text size="xl" fw={700}>
                    {campaign[counter]}
                  </Text>
                </Card>
              ))}
              <Card withBorder>
                <Text size="xs" c="dimmed">
                  {t("campaigns.counters.cost")}
                </Text>
                <Text size="xl" fw={700} data-testid="campaign-cost">
                  {money(campaign.cost, campaign.estimate?.cost.currency)}
                </Text>
              </Card>
              <Card withBorder>
                <Text size="xs" c="dimmed">
                  {t("campaigns.budget")}
                </Text>
                <Text size="xl" fw={700}>
                  {campaign.budget?.remaining ?? t("campaigns.unlimited")}
                </Text>
              </Card>
            </SimpleGrid>
            {points.length > 1 ? (
              <Card withBorder>
                <AreaChart
                  h={220}
                  data={points}
                  dataKey="at"
                  series={[
                    { name: "sent", label: t("campaigns.counters.sent"), color: "blue.6" },
                    { name: "delivered", label: t("campaigns.counters.delivered"), color: "teal.6" },
                    { name: "read", label: t("campaigns.counters.read"), color: "grape.6" },
                  ]}
                />
              </Card>
            ) : null}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Breakdown
                title={t("campaigns.failedByCode")}
                rows={campaign.failedByCode ?? {}}
                label={metaCode}
              />
              <Breakdown
                title={t("campaigns.metaRetries")}
                rows={campaign.metaRetries ?? {}}
                label={metaCode}
                testId="meta-retries"
              />
              <Breakdown
                title={t("campaigns.skippedByReason")}
                rows={campaign.skippedByReason ?? {}}
                label={(reason) => t(`campaigns.reasons.${reason}`, reason)}
              />
            </SimpleGrid>
            <TableScroll label={t("campaigns.recipients")}>
              <RecipientsTable id={campaign.id} />
            </TableScroll>
          </Stack>
        );
      }}
    </QueryState>
  );
}
