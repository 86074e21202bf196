import { BarChart } from "@mantine/charts";
import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import type { PhoneNumber, WhatsappAccount } from "../../api/types";
import { useSignedIn } from "../../auth/session";
import { notifySuccess } from "../../components/notify";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { NotificationsState, type ReviewedAccount } from "../activation/NotificationsState";
import { AddNumber } from "./AddNumber";

const QUALITY_COLOR: Record<string, string> = { GREEN: "teal", YELLOW: "yellow", RED: "red" };

export function QualityBadge({ value }: { value: string | null }) {
  if (!value) return <Text c="dimmed">—</Text>;
  return (
    <Badge color={QUALITY_COLOR[value] ?? "gray"} variant="light">
      {value}
    </Badge>
  );
}

function RefreshButton({ account }: { account: WhatsappAccount }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const refresh = useMutation({
    mutationFn: () =>
      unwrap(api.POST("/v1/whatsapp-accounts/{id}/refresh", { params: { path: { id: account.id } } })),
    onSuccess: () => {
      notifySuccess(t("numbers.refreshed"));
      void queryClient.invalidateQueries({ queryKey: ["phone-numbers"] });
    },
  });
  return (
    <Stack gap="xs">
      <Button variant="light" onClick={() => refresh.mutate()} loading={refresh.isPending} w="fit-content">
        {t("numbers.refresh")}
      </Button>
      <ProblemAlert error={refresh.error} />
    </Stack>
  );
}

/** Each number's sending rate, so a tier or throughput change stands out. */
function ThroughputChart({ numbers }: { numbers: PhoneNumber[] }) {
  const { t } = useTranslation();
  if (numbers.length === 0) return null;
  return (
    <BarChart
      h={160}
      data={numbers.map((n) => ({ number: n.displayPhoneNumber, throughput: n.throughputPerSecond }))}
      dataKey="number"
      series={[{ name: "throughput", label: t("numbers.throughput"), color: "teal.9" }]}
      valueFormatter={(value) => t("numbers.perSecond", { count: value })}
    />
  );
}

function NumbersTable({ numbers }: { numbers: PhoneNumber[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <TableScroll>
      <Table striped highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("numbers.displayNumber")}</Table.Th>
            <Table.Th>{t("numbers.verifiedName")}</Table.Th>
            <Table.Th>{t("numberLife.nameStatusLabel")}</Table.Th>
            <Table.Th>{t("numbers.quality")}</Table.Th>
            <Table.Th>{t("numbers.tier")}</Table.Th>
            <Table.Th>{t("numbers.throughput")}</Table.Th>
            <Table.Th>{t("numbers.status")}</Table.Th>
            <Table.Th>{t("numbers.lastSynced")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {numbers.map((number) => (
            <Table.Tr key={number.id}>
              <Table.Td>
                <Anchor component={Link} to={`/numbers/${number.id}`}>
                  {number.displayPhoneNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>{number.verifiedName}</Table.Td>
              <Table.Td>
                {(number as PhoneNumber & { nameStatus?: string | null }).nameStatus ?? "—"}
              </Table.Td>
              <Table.Td>
                <QualityBadge value={number.qualityRating} />
              </Table.Td>
              <Table.Td>{number.messagingLimitTier ?? "—"}</Table.Td>
              <Table.Td>{t("numbers.perSecond", { count: number.throughputPerSecond })}</Table.Td>
              <Table.Td>{number.status}</Table.Td>
              <Table.Td>{format.dateTime(number.updatedAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

export default function NumbersPage() {
  const { t } = useTranslation();
  const session = useSignedIn();
  const canRefresh = ["tenant_admin", "platform_admin"].includes(session.user.role);
  const accounts = useQuery({
    queryKey: ["whatsapp-accounts"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/whatsapp-accounts"))) as unknown as { data: ReviewedAccount[] }).data,
  });
  const numbers = useQuery({
    queryKey: ["phone-numbers"],
    queryFn: async () =>
      ((await unwrap(api.GET("/v1/phone-numbers"))) as unknown as { data: PhoneNumber[] }).data,
  });
  return (
    <>
      <PageHeader
        title={t("numbers.title")}
        actions={
          canRefresh ? (
            <Button component={Link} to="/numbers/signup">
              {t("signup.title")}
            </Button>
          ) : null
        }
      />
      <QueryState query={accounts}>
        {(list) =>
          list.length === 0 ? (
            <Text>{t("numbers.noAccounts")}</Text>
          ) : (
            <Stack gap="lg">
              {list.map((account) => (
                <Card key={account.id} withBorder>
                  <Stack gap="sm">
                    <Group justify="space-between" wrap="wrap">
                      <div>
                        <Title order={2} size="h4">
                          {account.name}
                        </Title>
                        <Text size="sm" c="dimmed">
                          {t("numbers.wabaId")}: {account.wabaId}
                        </Text>
                      </div>
                      {canRefresh ? (
                        <Group gap="xs" align="flex-start">
                          <AddNumber accountId={account.id} />
                          <RefreshButton account={account} />
                        </Group>
                      ) : null}
                    </Group>
                    <NotificationsState account={account} />
                    <QueryState query={numbers}>
                      {(all) => (
                        <>
                          <NumbersTable numbers={all.filter((n) => n.accountId === account.id)} />
                          <ThroughputChart numbers={all.filter((n) => n.accountId === account.id)} />
                        </>
                      )}
                    </QueryState>
                  </Stack>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}
