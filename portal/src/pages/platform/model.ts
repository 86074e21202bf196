import type { StageKey, StageOwner, StageStatus } from "../activation/model";

export interface BoardRow {
  requestId: string;
  tenantId: string;
  tenant: { id: string; slug: string; name: string } | null;
  company: string | null;
  status: "in_progress" | "activated";
  currentStage: StageKey;
  currentStatus: StageStatus | null;
  owner: StageOwner | null;
  verificationStatus: string;
  createdAt: string;
  activatedAt: string | null;
  slaBreached: boolean;
  breaches: { stage: StageKey; dueAt: string; overdueHours: number }[];
  stages: {
    stage: StageKey;
    status: StageStatus;
    owner: StageOwner;
    startedAt: string | null;
    dueAt: string | null;
    completedAt: string | null;
  }[];
}

export interface BoardStats {
  stages: { stage: StageKey; slaHours: number; done: number; averageHours: number | null }[];
  total: { activated: number; averageHours: number | null; averageDays: number | null };
}

export interface BoardFilter {
  stage: string | null;
  owner: string | null;
  status: string | null;
  breached: string | null;
}

export const tenantName = (row: BoardRow) => row.tenant?.name ?? row.tenantId.slice(0, 8);
