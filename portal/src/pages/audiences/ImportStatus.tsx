import { Badge, Progress } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ContactImport } from "./api";

const COLORS = { uploaded: "gray", running: "blue", completed: "teal", failed: "red" } as const;

export function ImportStatusBadge({ job }: { job: ContactImport }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[job.status]} variant="light">
      {t(`audiences.imports.statuses.${job.status}`)}
    </Badge>
  );
}

/** Share of the file read, from the committed cursor. */
export function importShare(job: ContactImport): number {
  if (job.status === "completed") return 100;
  return job.byteSize ? Math.min(100, Math.round((job.bytesDone / job.byteSize) * 100)) : 0;
}

export function ImportProgress({ job }: { job: ContactImport }) {
  const { t } = useTranslation();
  const share = importShare(job);
  return (
    <Progress
      value={share}
      animated={job.status === "running"}
      color={job.status === "failed" ? "red" : undefined}
      aria-label={`${t("audiences.imports.progress")} ${share}%`}
    />
  );
}
