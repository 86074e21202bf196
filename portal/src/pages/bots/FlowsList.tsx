import { Anchor, Badge, Button, Modal, Stack, Table, Text, TextInput } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { PageHeader, QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { createFlow, useFlows, usePhoneNumbers } from "./api";
import type { BotFlow } from "./model";

function CreateFlow({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const create = useMutation({
    mutationFn: () => createFlow({ name }),
    onSuccess: (flow) => {
      void queryClient.invalidateQueries({ queryKey: ["bot-flows"] });
      void navigate(`/bots/${flow.id}`);
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title={t("bots.new")}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          create.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t("bots.name")}
            required
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <ProblemAlert error={create.error} />
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            {t("bots.create")}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function triggerSummary(flow: BotFlow, t: (key: string) => string): string {
  const parts = [
    ...(flow.triggers.keywords ?? []),
    ...(flow.triggers.patterns ?? []),
    flow.triggers.firstContact ? t("bots.triggers.firstContact") : "",
    flow.triggers.campaignReply ? t("bots.triggers.campaignReply") : "",
    ...(flow.triggers.buttonIds ?? []),
  ].filter(Boolean);
  return parts.join(", ") || "—";
}

/** The tenant's bot flows: whether each runs and which version, what starts it, and its number. */
export default function FlowsList() {
  const { t } = useTranslation();
  const flows = useFlows();
  const numbers = usePhoneNumbers();
  const [opened, modal] = useDisclosure(false);
  const numberOf = (id: string | null) =>
    id ? (numbers.data?.find((n) => n.id === id)?.displayPhoneNumber ?? id) : t("bots.everyNumber");
  return (
    <>
      <PageHeader title={t("bots.title")} actions={<Button onClick={modal.open}>{t("bots.new")}</Button>} />
      <Text size="sm" c="dimmed" mb="sm">
        {t("bots.intro")}
      </Text>
      <CreateFlow opened={opened} onClose={modal.close} />
      <QueryState query={flows} empty={(data) => data.length === 0}>
        {(data) => (
          <TableScroll label={t("bots.title")}>
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("bots.name")}</Table.Th>
                  <Table.Th>{t("bots.statusLabel")}</Table.Th>
                  <Table.Th>{t("bots.triggersLabel")}</Table.Th>
                  <Table.Th>{t("bots.number")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((flow) => (
                  <Table.Tr key={flow.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/bots/${flow.id}`}>
                        {flow.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={flow.publishedVersion ? "teal" : "gray"} variant="light">
                        {flow.publishedVersion
                          ? t("bots.publishedVersion", { version: flow.publishedVersion })
                          : t("bots.unpublished")}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{triggerSummary(flow, t)}</Table.Td>
                    <Table.Td>
                      {numberOf(flow.phoneNumberId)}
                      {flow.isDefault ? (
                        <Badge ml={6} size="sm" variant="outline">
                          {t("bots.default")}
                        </Badge>
                      ) : null}
                    </Table.Td>
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
