import { Card, Group, List, Stack, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../components/page";
import { analyticsKeys, getAnalytics, type Recommendation, TIMEZONE, useAnalyticsFormat } from "./api";

/** Figures that are shares (0..1) and show as percentages. */
const isShare = (name: string) => /(_rate|_share|^use)$/.test(name);

/** The recommendations, each with the figures it rests on; refreshed with the live figures. */
export function Recommendations() {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const query = useQuery({
    queryKey: analyticsKeys.recommendations,
    queryFn: () => getAnalytics<{ items: Recommendation[] }>("recommendations"),
    refetchInterval: 60_000,
  });
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="xs">
        {t("analytics.recommendations.title")}
      </Title>
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t("analytics.recommendations.none")}</Text>
          ) : (
            <Stack gap="sm" data-testid="recommendations">
              {data.items.map((item) => (
                <Card key={`${item.title_key}:${JSON.stringify(item.params)}`} withBorder padding="sm">
                  <Text fw={600}>
                    {t(item.title_key, {
                      ...item.params,
                      template: item.params.template ?? t("analytics.unnamed"),
                      campaign: item.params.campaign ?? t("analytics.unnamed"),
                      hour: item.params.hour == null ? "" : `${String(item.params.hour).padStart(2, "0")}:00`,
                      tz: item.params.tz ?? TIMEZONE,
                      defaultValue: item.title_key,
                    })}
                  </Text>
                  <List size="sm" mt={4}>
                    {Object.entries(item.figures).map(([name, value]) => (
                      <List.Item key={name}>
                        <Group gap={4} wrap="wrap">
                          <Text size="sm" c="dimmed">
                            {t(`analytics.figures.${name}`, { defaultValue: name })}:
                          </Text>
                          <Text size="sm">{isShare(name) ? format.rate(value) : format.number(value)}</Text>
                        </Group>
                      </List.Item>
                    ))}
                  </List>
                </Card>
              ))}
            </Stack>
          )
        }
      </QueryState>
    </Card>
  );
}
