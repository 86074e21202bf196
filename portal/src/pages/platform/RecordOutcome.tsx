import { Button, Modal, Select, Stack, TagsInput, Textarea } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, unwrap } from "../../api/client";
import { notifySuccess } from "../../components/notify";
import { ProblemAlert } from "../../components/problem";
import { STAGE_KEYS, type StageKey, type StageStatus } from "../activation/model";
import { type BoardRow, tenantName } from "./model";

const STATUSES: StageStatus[] = ["action_required", "in_review", "rejected", "done"];

/** The platform records its decision or Meta's answer on a stage (reasons to fix, a note). */
export function RecordOutcome({ row }: { row: BoardRow }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure();
  const [stage, setStage] = useState<string | null>(row.currentStage);
  const [to, setTo] = useState<string | null>(null);
  const [reasons, setReasons] = useState<string[]>([]);
  const [note, setNote] = useState("");
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST("/v1/admin/activations/{id}/stages/{stage}", {
          params: { path: { id: row.requestId, stage: stage as StageKey } },
          body: {
            to: to as StageStatus,
            ...(reasons.length > 0 ? { reasons } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      ),
    onSuccess: () => {
      notifySuccess(t("platform.recorded"));
      void queryClient.invalidateQueries({ queryKey: ["admin-activations"] });
      setTo(null);
      setReasons([]);
      setNote("");
      close();
    },
  });
  const label = t("platform.record");
  return (
    <>
      <Button size="xs" variant="light" onClick={open} aria-label={`${label}: ${tenantName(row)}`}>
        {label}
      </Button>
      <Modal opened={opened} onClose={close} title={`${label}: ${tenantName(row)}`}>
        <Stack>
          <Select
            label={t("platform.stage")}
            data={STAGE_KEYS.map((value) => ({ value, label: t(`activation.stage.${value}`) }))}
            value={stage}
            onChange={setStage}
            allowDeselect={false}
          />
          <Select
            label={t("platform.to")}
            data={STATUSES.map((value) => ({ value, label: t(`activation.status.${value}`) }))}
            value={to}
            onChange={setTo}
          />
          {to === "rejected" ? (
            <TagsInput
              label={t("platform.reasons")}
              description={t("platform.reasonsHelp")}
              value={reasons}
              onChange={setReasons}
            />
          ) : null}
          <Textarea
            label={t("platform.note")}
            autosize
            minRows={2}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <ProblemAlert error={record.error} />
          <Button disabled={!stage || !to} loading={record.isPending} onClick={() => record.mutate()}>
            {t("platform.save")}
          </Button>
        </Stack>
      </Modal>
    </>
  );
}
