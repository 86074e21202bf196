import { Alert, Button, Card, Grid, Group, Modal, Stack, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { canUse } from "../../auth/roles";
import { useSignedIn } from "../../auth/session";
import { notifySuccess } from "../../components/notify";
import { PageHeader, QueryState } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { FindingsList } from "./Findings";
import { TemplateHistory } from "./History";
import { fromDefinition } from "./model";
import { TemplatePreview } from "./Preview";
import { StatusBadge } from "./StatusBadge";
import { TemplateEditor } from "./TemplateEditor";

const EDITABLE = ["draft", "in_review", "policy_rejected", "rejected"];

function DeleteButton({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/templates/{id}", { params: { path: { id } } })),
    onSuccess: () => {
      notifySuccess(t("templates.deleted"));
      void queryClient.invalidateQueries({ queryKey: ["templates"] });
      navigate("/templates");
    },
  });
  return (
    <>
      <Button color="red" variant="light" onClick={open}>
        {t("app.delete")}
      </Button>
      <Modal opened={opened} onClose={close} title={t("app.delete")}>
        <Stack>
          <Text>{t("templates.deleteConfirm", { name })}</Text>
          <ProblemAlert error={remove.error} />
          <Group justify="end">
            <Button variant="default" onClick={close}>
              {t("app.cancel")}
            </Button>
            <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
              {t("app.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export default function TemplateDetail() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const session = useSignedIn();
  const canEdit = canUse(session.user.role, "templateEditor");
  const query = useQuery({
    queryKey: ["template", id],
    queryFn: () => unwrap(api.GET("/v1/templates/{id}", { params: { path: { id } } })),
  });
  return (
    <QueryState query={query}>
      {(template) => (
        <>
          <PageHeader
            title={template.name}
            actions={
              <>
                <StatusBadge status={template.status} />
                {canEdit ? <DeleteButton id={template.id} name={template.name} /> : null}
              </>
            }
          />
          <Text c="dimmed" mb="sm">
            {template.language} · {template.category}
          </Text>
          {template.statusReason ? (
            <Alert color="red" variant="light" mb="md" title={t("templates.reason")}>
              {template.statusReason}
            </Alert>
          ) : null}
          {canEdit && EDITABLE.includes(template.status) ? (
            <TemplateEditor key={template.updatedAt} template={template} />
          ) : (
            <Grid>
              <Grid.Col span={{ base: 12, md: 5 }}>
                <TemplatePreview values={fromDefinition(template.definition)} />
              </Grid.Col>
            </Grid>
          )}
          <Grid mt="lg">
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">
                  {t("editor.findings")}
                </Title>
                <FindingsList findings={template.policyFindings} />
              </Card>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Card withBorder>
                <Title order={2} size="h4" mb="sm">
                  {t("editor.history")}
                </Title>
                <TemplateHistory history={template.history} />
              </Card>
            </Grid.Col>
          </Grid>
        </>
      )}
    </QueryState>
  );
}

export function NewTemplate() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("editor.createTitle")} />
      <TemplateEditor />
    </>
  );
}
