import { Anchor, FileInput, Group, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api, unwrap } from "../../api/client";
import { QueryState, TableScroll } from "../../components/page";
import { ProblemAlert } from "../../components/problem";
import { type ContactImport, uploadCsv } from "./api";
import { ImportProgress, ImportStatusBadge } from "./ImportStatus";

/** Upload a CSV (then map its columns on the import's page) and follow every import's progress. */
export default function Imports() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const imports = useQuery({
    queryKey: ["imports"],
    queryFn: () => unwrap(api.GET("/v1/imports")).then((page) => page.data as ContactImport[]),
    refetchInterval: (query) => (query.state.data?.some((job) => job.status === "running") ? 1000 : false),
  });
  const upload = useMutation({
    mutationFn: uploadCsv,
    onSuccess: (job) => navigate(`/audiences/imports/${job.id}`, { state: { sample: job.sample } }),
  });
  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <FileInput
          label={t("audiences.imports.upload")}
          placeholder={t("audiences.imports.file")}
          accept=".csv,text/csv"
          clearable={false}
          disabled={upload.isPending}
          onChange={(file) => file && upload.mutate(file)}
          w={{ base: "100%", sm: 360 }}
        />
        {upload.isPending ? <Text c="dimmed">{t("audiences.imports.uploading")}</Text> : null}
      </Group>
      <ProblemAlert error={upload.error} />
      <QueryState query={imports} empty={(data) => data.length === 0}>
        {(data) => (
          <TableScroll label={t("audiences.imports.title")}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("audiences.imports.fileName")}</Table.Th>
                  <Table.Th>{t("audiences.imports.status")}</Table.Th>
                  <Table.Th miw={120}>{t("audiences.imports.progress")}</Table.Th>
                  <Table.Th>{t("audiences.imports.created")}</Table.Th>
                  <Table.Th>{t("audiences.imports.updated")}</Table.Th>
                  <Table.Th>{t("audiences.imports.failed")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((job) => (
                  <Table.Tr key={job.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/audiences/imports/${job.id}`}>
                        {job.fileName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ImportStatusBadge job={job} />
                    </Table.Td>
                    <Table.Td>
                      <ImportProgress job={job} />
                    </Table.Td>
                    <Table.Td>{job.created.toLocaleString()}</Table.Td>
                    <Table.Td>{job.updated.toLocaleString()}</Table.Td>
                    <Table.Td>{job.failed.toLocaleString()}</Table.Td>
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
