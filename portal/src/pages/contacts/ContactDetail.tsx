import { Badge, Button, Card, Grid, Group, Select, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import type { ConsentEvent, Contact } from "../../api/types";
import { notifySuccess } from "../../components/notify";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { ConsentBadge } from "./ConsentBadge";

const SOURCES = ["web_form", "whatsapp", "import", "manual", "api"] as const;

function ConsentForm({ contact }: { contact: Contact }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { source: "web_form", evidence: "" } });
  const record = useMutation({
    mutationFn: ({ kind, values }: { kind: "opt-in" | "opt-out"; values: typeof form.values }) => {
      const body = {
        source: values.source,
        ...(values.evidence ? { evidence: { note: values.evidence } } : {}),
      };
      const params = { path: { id: contact.id } };
      return kind === "opt-in"
        ? unwrap(api.POST("/v1/contacts/{id}/opt-in", { params, body }))
        : unwrap(api.POST("/v1/contacts/{id}/opt-out", { params, body }));
    },
    onSuccess: () => {
      notifySuccess(t("contacts.recorded"));
      form.setFieldValue("evidence", "");
      void queryClient.invalidateQueries({ queryKey: ["contact", contact.id] });
      void queryClient.invalidateQueries({ queryKey: ["consent", contact.id] });
    },
  });
  return (
    <Stack gap="sm">
      <Select
        label={t("contacts.source")}
        data={SOURCES.map((value) => ({ value, label: t(`contacts.sources.${value}`) }))}
        allowDeselect={false}
        {...form.getInputProps("source")}
      />
      <Textarea label={t("contacts.evidence")} {...form.getInputProps("evidence")} />
      <ProblemAlert error={record.error} />
      <Group>
        <Button
          onClick={() => record.mutate({ kind: "opt-in", values: form.values })}
          loading={record.isPending}
        >
          {t("contacts.optIn")}
        </Button>
        <Button
          color="red"
          variant="light"
          onClick={() => record.mutate({ kind: "opt-out", values: form.values })}
          loading={record.isPending}
        >
          {t("contacts.optOut")}
        </Button>
      </Group>
    </Stack>
  );
}

function ConsentHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const history = useQuery({
    queryKey: ["consent", id],
    queryFn: async () =>
      (
        (await unwrap(api.GET("/v1/contacts/{id}/consent", { params: { path: { id } } }))) as unknown as {
          data: ConsentEvent[];
        }
      ).data,
  });
  return (
    <QueryState query={history} empty={(data) => data.length === 0}>
      {(events) => (
        <TableScroll>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("audit.at")}</Table.Th>
                <Table.Th>{t("contacts.consent")}</Table.Th>
                <Table.Th>{t("contacts.source")}</Table.Th>
                <Table.Th>{t("contacts.evidence")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td>{format.dateTime(event.at ?? event.createdAt)}</Table.Td>
                  <Table.Td>
                    {event.kind === "opt_in" ? t("contacts.optedIn") : t("contacts.optedOut")}
                  </Table.Td>
                  <Table.Td>{event.source}</Table.Td>
                  <Table.Td>
                    <Text size="xs" ff="monospace">
                      {event.evidence ? JSON.stringify(event.evidence) : "—"}
                    </Text>
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

export default function ContactDetail() {
  const { t } = useTranslation();
  const format = useFormat();
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: ["contact", id],
    queryFn: async () =>
      (await unwrap(api.GET("/v1/contacts/{id}", { params: { path: { id } } }))) as unknown as Contact,
  });
  return (
    <QueryState query={query}>
      {(contact) => (
        <>
          <PageHeader title={contact.name || contact.phone} actions={<ConsentBadge contact={contact} />} />
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Stack gap="xs">
                  <Text>
                    {t("contacts.phone")}: {contact.phone}
                  </Text>
                  <Text>
                    {t("conversations.window")}:{" "}
                    {contact.windowOpen
                      ? t("conversations.windowOpen", { time: format.dateTime(contact.windowExpiresAt) })
                      : t("conversations.windowClosed")}
                  </Text>
                  <Group gap={4}>
                    {contact.tags.map((tag) => (
                      <Badge key={tag} variant="outline" color="gray">
                        {tag}
                      </Badge>
                    ))}
                  </Group>
                  <Title order={2} size="h5" mt="sm">
                    {t("contacts.attributes")}
                  </Title>
                  {Object.keys(contact.attributes ?? {}).length === 0 ? (
                    <Text c="dimmed">{t("app.none")}</Text>
                  ) : (
                    <Table>
                      <Table.Tbody>
                        {Object.entries(contact.attributes).map(([key, value]) => (
                          <Table.Tr key={key}>
                            <Table.Th>{key}</Table.Th>
                            <Table.Td>{typeof value === "string" ? value : JSON.stringify(value)}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                  )}
                </Stack>
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">
                  {t("contacts.consent")}
                </Title>
                <ConsentForm contact={contact} />
              </Card>
            </Grid.Col>
          </Grid>
          <Card withBorder mt="lg">
            <Title order={2} size="h4" mb="sm">
              {t("contacts.consentHistory")}
            </Title>
            <ConsentHistory id={contact.id} />
          </Card>
        </>
      )}
    </QueryState>
  );
}
