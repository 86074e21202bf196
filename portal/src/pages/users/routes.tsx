import { Button, Card, Group, Select, Stack, Table, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { authApi, type CreatedInvitation, type Role } from "../../api/auth";
import { notifySuccess } from "../../components/notify";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { fieldErrors, ProblemAlert } from "../../components/problem";
import { useFormat } from "../../i18n/format";
import { SecretOnce } from "../developers/SecretOnce";

type InvitableRole = Exclude<Role, "platform_admin">;
const INVITABLE: InvitableRole[] = ["tenant_admin", "agent", "developer", "analyst"];

function InviteForm({ onInvited }: { onInvited: (invitation: CreatedInvitation) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm({ initialValues: { email: "", name: "", role: "agent" as InvitableRole } });
  const invite = useMutation({
    mutationFn: authApi.invite,
    onSuccess: (created) => {
      onInvited(created);
      form.reset();
      void queryClient.invalidateQueries({ queryKey: ["invitations"] });
    },
    onError: (error) => form.setErrors(fieldErrors(error, (path) => path.replace(/^body\./, ""))),
  });
  return (
    <form onSubmit={form.onSubmit((values) => invite.mutate(values))} noValidate>
      <Stack gap="sm">
        <Group align="end" wrap="wrap" grow>
          <TextInput label={t("auth.email")} type="email" required {...form.getInputProps("email")} />
          <TextInput label={t("auth.name")} required {...form.getInputProps("name")} />
          <Select
            label={t("developers.role")}
            data={INVITABLE.map((value) => ({ value, label: t(`roles.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps("role")}
          />
        </Group>
        <ProblemAlert error={invite.error} />
        <Button type="submit" w="fit-content" loading={invite.isPending}>
          {t("users.invite")}
        </Button>
      </Stack>
    </form>
  );
}

export default function UsersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const invitations = useQuery({ queryKey: ["invitations"], queryFn: authApi.invitations });
  const revoke = useMutation({
    mutationFn: authApi.revokeInvitation,
    onSuccess: () => {
      notifySuccess(t("users.revoked"));
      void queryClient.invalidateQueries({ queryKey: ["invitations"] });
    },
  });
  return (
    <>
      <PageHeader title={t("users.title")} />
      <Stack>
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t("users.invite")}
          </Title>
          <InviteForm onInvited={setCreated} />
        </Card>
        {created ? (
          <SecretOnce
            title={t("users.invited", { email: created.email })}
            value={`${window.location.origin}${created.acceptPath}`}
          />
        ) : null}
        <Card withBorder>
          <Title order={2} size="h4" mb="sm">
            {t("users.pending")}
          </Title>
          <ProblemAlert error={revoke.error} />
          <QueryState query={invitations} empty={(data) => data.data.length === 0}>
            {(data) => (
              <TableScroll>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t("auth.email")}</Table.Th>
                      <Table.Th>{t("auth.name")}</Table.Th>
                      <Table.Th>{t("developers.role")}</Table.Th>
                      <Table.Th>{t("users.expires")}</Table.Th>
                      <Table.Th>{t("app.actions")}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.data.map((invitation) => (
                      <Table.Tr key={invitation.id}>
                        <Table.Td>{invitation.email}</Table.Td>
                        <Table.Td>{invitation.name}</Table.Td>
                        <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
                        <Table.Td>{format.dateTime(invitation.expiresAt)}</Table.Td>
                        <Table.Td>
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            onClick={() => revoke.mutate(invitation.id)}
                          >
                            {t("users.revoke")}
                          </Button>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </QueryState>
        </Card>
      </Stack>
    </>
  );
}
