import { Badge, Button, Group, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import type { ApiKey } from "../../api/types";
import { useSignedIn } from "../../auth/session";
import { QueryState, TableScroll } from "../../components/page";
import { fieldErrors, ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { SecretOnce } from "./SecretOnce";

const KEY_ROLES = ["developer", "tenant_admin", "agent", "analyst"] as const;

function RevokeButton({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const revoke = useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/api-keys/{id}", { params: { path: { id: apiKey.id } } })),
    onSuccess: () => {
      setOpened(false);
      void queryClient.invalidateQueries({ queryKey: ["api-keys"] });
    },
  });
  return (
    <>
      <Button size="xs" color="red" variant="light" onClick={() => setOpened(true)}>
        {t("developers.revoke")}
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t("developers.revoke")}>
        <Stack>
          <Text>{t("developers.revokeConfirm", { name: apiKey.name })}</Text>
          <ProblemAlert error={revoke.error} />
          <Group justify="end">
            <Button variant="default" onClick={() => setOpened(false)}>
              {t("app.cancel")}
            </Button>
            <Button color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
              {t("developers.revoke")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function ApiKeys() {
  const { t } = useTranslation();
  const format = useFormat();
  const session = useSignedIn();
  const isAdmin = ["tenant_admin", "platform_admin"].includes(session.user.role);
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => unwrap(api.GET("/v1/api-keys")) });
  const form = useForm({ initialValues: { name: "", role: "developer" as (typeof KEY_ROLES)[number] } });
  const create = useMutation({
    mutationFn: (values: typeof form.values) => unwrap(api.POST("/v1/api-keys", { body: values })),
    onSuccess: (created) => {
      setSecret(created.key);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ["api-keys"] });
    },
    onError: (error) => form.setErrors(fieldErrors(error, (path) => path.replace(/^body\./, ""))),
  });
  return (
    <Stack>
      {secret ? <SecretOnce title={t("developers.secretOnce")} value={secret} /> : null}
      {isAdmin ? (
        <form onSubmit={form.onSubmit((values) => create.mutate(values))} noValidate>
          <Group align="end" wrap="wrap">
            <TextInput label={t("developers.keyName")} required {...form.getInputProps("name")} />
            <Select
              label={t("developers.role")}
              data={KEY_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps("role")}
            />
            <Button type="submit" loading={create.isPending}>
              {t("developers.createKey")}
            </Button>
          </Group>
          <ProblemAlert error={create.error} />
        </form>
      ) : null}
      <QueryState query={keys}>
        {(data) => (
          <TableScroll>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("developers.keyName")}</Table.Th>
                  <Table.Th>{t("developers.role")}</Table.Th>
                  <Table.Th>{t("developers.prefix")}</Table.Th>
                  <Table.Th>{t("developers.created")}</Table.Th>
                  <Table.Th>{t("developers.lastUsed")}</Table.Th>
                  <Table.Th>{t("app.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.data.map((key) => (
                  <Table.Tr key={key.id}>
                    <Table.Td>{key.name}</Table.Td>
                    <Table.Td>{t(`roles.${key.role}`)}</Table.Td>
                    <Table.Td>
                      <code>{key.prefix}</code>
                    </Table.Td>
                    <Table.Td>{format.dateTime(key.createdAt)}</Table.Td>
                    <Table.Td>
                      {key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t("developers.never")}
                    </Table.Td>
                    <Table.Td>
                      {key.revokedAt ? (
                        <Badge color="gray">{t("developers.revoked")}</Badge>
                      ) : isAdmin ? (
                        <RevokeButton apiKey={key} />
                      ) : null}
                    </Table.Td>
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
