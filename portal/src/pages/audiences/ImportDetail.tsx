import { Anchor, Button, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useLocation, useParams } from "react-router";
import { api, unwrap } from "../../api/client";
import { QueryState } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import type { ContactImport } from "./api";
import { ImportMapping } from "./ImportMapping";
import { ImportProgress, ImportStatusBadge } from "./ImportStatus";

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <Stack gap={0}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={600}>
        {value.toLocaleString()}
      </Text>
    </Stack>
  );
}

/** One import: its mapping while it waits, then its live progress, counts and error file. */
export default function ImportDetail() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const sample = (useLocation().state as { sample?: string[][] } | null)?.sample;
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: ["imports", id],
    queryFn: () =>
      unwrap(api.GET("/v1/imports/{id}", { params: { path: { id } } })) as Promise<ContactImport>,
    refetchInterval: (query) => (query.state.data?.status === "running" ? 1000 : false),
  });
  const resume = useMutation({
    mutationFn: (current: ContactImport) =>
      unwrap(
        api.POST("/v1/imports/{id}/start", {
          params: { path: { id } },
          body: { mapping: current.mapping as { phone: string } },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["imports"] }),
  });
  return (
    <QueryState query={job}>
      {(current) => (
        <Stack>
          <Group justify="space-between" wrap="wrap">
            <Title order={2} size="h3" style={{ overflowWrap: "anywhere" }}>
              {current.fileName}
            </Title>
            <ImportStatusBadge job={current} />
          </Group>
          {current.status === "uploaded" ? (
            <ImportMapping job={current} sample={sample} />
          ) : (
            <>
              <ImportProgress job={current} />
              <SimpleGrid cols={{ base: 2, sm: 4 }}>
                <Figure label={t("audiences.imports.rows")} value={current.rowsDone} />
                <Figure label={t("audiences.imports.created")} value={current.created} />
                <Figure label={t("audiences.imports.updated")} value={current.updated} />
                <Figure label={t("audiences.imports.failed")} value={current.failed} />
              </SimpleGrid>
              {current.status === "failed" ? (
                <Group>
                  <Text c="red">{t("audiences.imports.error", { error: current.error ?? "" })}</Text>
                  <Button variant="light" loading={resume.isPending} onClick={() => resume.mutate(current)}>
                    {t("audiences.imports.resume")}
                  </Button>
                </Group>
              ) : null}
              <ProblemAlert error={resume.error} />
              {current.failed > 0 ? (
                <Anchor href={`/v1/imports/${current.id}/errors.csv`} download>
                  {t("audiences.imports.errorsFile")}
                </Anchor>
              ) : current.status === "completed" ? (
                <Text c="dimmed">{t("audiences.imports.noErrors")}</Text>
              ) : null}
            </>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
