import { Badge, Button, Card, Group, MultiSelect, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { QueryState, TableScroll } from "../../components/page";
import { fieldErrors, ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { SecretOnce } from "./SecretOnce";

function Deliveries({ webhookId }: { webhookId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    queryKey: ["deliveries", webhookId],
    queryFn: () =>
      unwrap(
        api.GET("/v1/webhooks/{id}/deliveries", {
          params: { path: { id: webhookId }, query: { limit: 20 } },
        }),
      ),
  });
  const replay = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST("/v1/webhook-deliveries/{id}/replay", { params: { path: { id } } })),
    onSuccess: () => {
      notifySuccess(t("developers.replayed"));
      void queryClient.invalidateQueries({ queryKey: ["deliveries", webhookId] });
    },
  });
  return (
    <QueryState query={deliveries} empty={(data) => data.data.length === 0}>
      {(data) => (
        <TableScroll>
          <ProblemAlert error={replay.error} />
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("audit.action")}</Table.Th>
                <Table.Th>{t("developers.deliveryStatus")}</Table.Th>
                <Table.Th>{t("developers.attempts")}</Table.Th>
                <Table.Th>{t("audit.at")}</Table.Th>
                <Table.Th>{t("app.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.data.map((delivery) => (
                <Table.Tr key={delivery.id}>
                  <Table.Td>{delivery.eventType}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={
                        delivery.status === "delivered"
                          ? "teal"
                          : delivery.status === "pending"
                            ? "blue"
                            : "red"
                      }
                      variant="light"
                    >
                      {delivery.status}
                    </Badge>
                    {delivery.lastError ? (
                      <Text size="xs" c="dimmed">
                        {delivery.lastStatusCode ?? ""} {delivery.lastError}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{format.number(delivery.attempts)}</Table.Td>
                  <Table.Td>{format.dateTime(delivery.lastAttemptAt ?? delivery.createdAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => replay.mutate(delivery.id)}
                      loading={replay.isPending && replay.variables === delivery.id}
                    >
                      {t("developers.replay")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </QueryState>
  );
}

export function Webhooks() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const webhooks = useQuery({ queryKey: ["webhooks"], queryFn: () => unwrap(api.GET("/v1/webhooks")) });
  const eventTypes = useQuery({
    queryKey: ["webhook-event-types"],
    queryFn: () => unwrap(api.GET("/v1/webhook-event-types")),
  });
  const form = useForm({ initialValues: { url: "", eventTypes: [] as string[] } });
  const create = useMutation({
    mutationFn: (values: typeof form.values) => unwrap(api.POST("/v1/webhooks", { body: values })),
    onSuccess: (created) => {
      setSecret(created.secret);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ["webhooks"] });
    },
    onError: (error) => form.setErrors(fieldErrors(error, (path) => path.replace(/^body\./, ""))),
  });
  const test = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/v1/webhooks/{id}/test", { params: { path: { id } } })),
    onSuccess: (_data, id) => {
      notifySuccess(t("developers.testSent"));
      setTimeout(() => void queryClient.invalidateQueries({ queryKey: ["deliveries", id] }), 1000);
    },
  });
  return (
    <Stack>
      {secret ? <SecretOnce title={t("developers.webhookSecret")} value={secret} /> : null}
      <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
        <Stack gap="xs">
          <TextInput
            label={t("developers.url")}
            placeholder="https://example.com/charla"
            required
            {...form.getInputProps("url")}
          />
          <MultiSelect
            label={t("developers.events")}
            data={(eventTypes.data?.data ?? []).map((type) => type.type)}
            searchable
            {...form.getInputProps("eventTypes")}
          />
          <ProblemAlert error={create.error} />
          <Button type="submit" w="fit-content" loading={create.isPending}>
            {t("developers.addWebhook")}
          </Button>
        </Stack>
      </form>
      <ProblemAlert error={test.error} />
      <QueryState query={webhooks} empty={(data) => data.data.length === 0}>
        {(data) => (
          <Stack>
            {data.data.map((webhook) => (
              <Card key={webhook.id} withBorder>
                <Group justify="space-between" wrap="wrap" mb="xs">
                  <div>
                    <Text fw={600} style={{ wordBreak: "break-all" }}>
                      {webhook.url}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {webhook.eventTypes.join(", ")}
                    </Text>
                  </div>
                  <Group gap="xs">
                    <Badge color={webhook.active ? "teal" : "gray"} variant="light">
                      {webhook.active ? t("developers.active") : "—"}
                    </Badge>
                    <Button size="xs" variant="light" onClick={() => test.mutate(webhook.id)}>
                      {t("developers.sendTest")}
                    </Button>
                  </Group>
                </Group>
                <Text fw={600} size="sm" mb={4}>
                  {t("developers.deliveries")}
                </Text>
                <Deliveries webhookId={webhook.id} />
              </Card>
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
