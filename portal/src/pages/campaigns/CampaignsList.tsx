import { Anchor, Badge, Button, Table } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, unwrap } from "../../api/client";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { type Campaign, STATUS_COLOR } from "./model";
import { useCampaignMoney } from "./money";

export default function CampaignsList() {
  const { t, i18n } = useTranslation();
  const money = useCampaignMoney();
  const list = useQuery({
    queryKey: ["campaigns"],
    queryFn: async () => (await unwrap(api.GET("/v1/campaigns"))) as unknown as { data: Campaign[] },
    refetchInterval: 5_000,
  });
  const date = new Intl.DateTimeFormat(i18n.resolvedLanguage, { dateStyle: "short", timeStyle: "short" });
  return (
    <>
      <PageHeader
        title={t("campaigns.title")}
        actions={
          <Button component={Link} to="/campaigns/new">
            {t("campaigns.new")}
          </Button>
        }
      />
      <QueryState query={list} empty={(data) => data.data.length === 0}>
        {(data) => (
          <TableScroll label={t("campaigns.title")}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("campaigns.name")}</Table.Th>
                  <Table.Th>{t("campaigns.status")}</Table.Th>
                  <Table.Th>{t("campaigns.counters.queued")}</Table.Th>
                  <Table.Th>{t("campaigns.counters.delivered")}</Table.Th>
                  <Table.Th>{t("campaigns.counters.read")}</Table.Th>
                  <Table.Th>{t("campaigns.counters.cost")}</Table.Th>
                  <Table.Th>{t("campaigns.created")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.map((campaign) => (
                  <Table.Tr key={campaign.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/campaigns/${campaign.id}`}>
                        {campaign.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[campaign.status]} variant="light">
                        {t(`campaigns.statuses.${campaign.status}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{campaign.queued}</Table.Td>
                    <Table.Td>{campaign.delivered}</Table.Td>
                    <Table.Td>{campaign.read}</Table.Td>
                    <Table.Td>{money(campaign.cost, campaign.estimate?.cost.currency)}</Table.Td>
                    <Table.Td>{date.format(new Date(campaign.createdAt))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </QueryState>
    </>
  );
}
