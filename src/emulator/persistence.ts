/**
 * The emulator's state as JSON: export and import (test fixtures, `GET|POST /_emulator/state`),
 * and persistence under `dataDir` (saved every `persistIntervalMs` and on close, loaded at start).
 * After a load, what was under way resumes: pending statuses, template reviews, undelivered webhooks.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EmulatorContext } from "./context.ts";
import { resumeAccountReview, resumeBusinessVerification, resumeNameReviews } from "./onboarding/reviews.ts";
import { resumeScaling } from "./rules/limits.ts";
import { releaseHeld } from "./rules/pacing.ts";
import { resumePausing } from "./rules/pausing.ts";
import { resumeThroughputUpgrade } from "./rules/throughput.ts";
import type { EmulatorState, MediaRecord, PortfolioState } from "./state.ts";
import { schedulePipeline } from "./status-pipeline.ts";
import { reviewTemplate } from "./templates.ts";
import type { PendingWebhook } from "./webhooks.ts";

export const SNAPSHOT_VERSION = 1;

type Entries<V> = [string, V][];

export interface EmulatorSnapshot {
  version: number;
  savedAt: string;
  wabas: Entries<unknown>;
  phones: Entries<unknown>;
  templates: Entries<unknown>;
  messages: Entries<unknown>;
  inbound: unknown[];
  media: Entries<Omit<MediaRecord, "data"> & { data: string }>;
  windows: Entries<number>;
  portfolios: Entries<Omit<PortfolioState, "reached"> & { reached: Entries<number> }>;
  typing: Entries<unknown>;
  marketingReceived: Entries<number[]>;
  bsuids: Entries<string>;
  stats: unknown;
  /**
   * Webhook notifications not delivered yet, with their retry schedules (resumed at their original
   * times after an import); a bare payload (older snapshots) is sent at once.
   */
  pendingWebhooks: (PendingWebhook | unknown)[];
}

/** JSON cannot hold Infinity (a full token bucket): it travels as null. */
const finite = (n: number) => (Number.isFinite(n) ? n : null);

export function exportState(ctx: EmulatorContext): EmulatorSnapshot {
  const s = ctx.state;
  return {
    version: SNAPSHOT_VERSION,
    savedAt: new Date().toISOString(),
    wabas: [...s.wabas],
    phones: [...s.phones].map(([id, p]) => [
      id,
      { ...p, bucket: { ...p.bucket, tokens: finite(p.bucket.tokens) } },
    ]),
    templates: [...s.templates].map(([id, t]) => [
      id,
      t.pacing ? { ...t, pacing: { ...t.pacing, until: finite(t.pacing.until) } } : t,
    ]),
    messages: [...s.messages],
    inbound: s.inbound,
    media: [...s.media].map(([id, m]) => [id, { ...m, data: m.data.toString("base64") }]),
    windows: [...s.windows],
    portfolios: [...s.portfolios].map(([id, p]) => [id, { ...p, reached: [...p.reached] }]),
    typing: [...s.typing],
    marketingReceived: [...s.marketingReceived],
    bsuids: [...s.bsuids],
    stats: s.stats,
    pendingWebhooks: ctx.webhooks.pendingDeliveries(),
  };
}

function fill<V>(
  map: Map<string, V>,
  entries: Entries<unknown> | undefined,
  revive: (v: never) => V = (v) => v,
) {
  map.clear();
  for (const [k, v] of entries ?? []) map.set(k, revive(v as never));
}

/** Replaces the state with a snapshot, then resumes what was under way. */
export function importState(ctx: EmulatorContext, snap: EmulatorSnapshot): void {
  if (snap?.version !== SNAPSHOT_VERSION)
    throw new Error(`Unsupported emulator snapshot version ${snap?.version}`);
  const s: EmulatorState = ctx.state;
  ctx.clearTimers();
  ctx.webhooks.clear();
  const inf = (n: number | null) => n ?? Number.POSITIVE_INFINITY;
  fill(s.wabas, snap.wabas);
  fill(
    s.phones,
    snap.phones,
    (p: { bucket: { tokens: number | null; last: number } }) =>
      ({
        ...(p as object),
        bucket: { ...p.bucket, tokens: inf(p.bucket.tokens) },
      }) as never,
  );
  fill(
    s.templates,
    snap.templates,
    (t: { pacing?: { sends: number; until: number | null } }) =>
      (t.pacing ? { ...t, pacing: { ...t.pacing, until: inf(t.pacing.until) } } : t) as never,
  );
  fill(s.messages, snap.messages);
  s.inbound.splice(0, s.inbound.length, ...(snap.inbound as never[]));
  fill(s.media, snap.media, (m: MediaRecord & { data: string }) => ({
    ...m,
    data: Buffer.from(m.data, "base64"),
  }));
  fill(s.windows, snap.windows);
  fill(s.portfolios, snap.portfolios, (p: PortfolioState & { reached: Entries<number> }) => ({
    ...p,
    reached: new Map(p.reached),
  }));
  fill(s.typing, snap.typing);
  fill(s.marketingReceived, snap.marketingReceived);
  fill(s.bsuids, snap.bsuids);
  s.stats = snap.stats as EmulatorState["stats"];
  resume(ctx, snap.pendingWebhooks ?? []);
}

const isPending = (x: unknown): x is PendingWebhook =>
  typeof x === "object" && x !== null && "payload" in x && "nextAttemptAt" in x;

/**
 * After a restart: statuses still to come, held messages, reviews still pending, template pauses,
 * a portfolio's step up, a throughput upgrade's downtime and webhooks not yet delivered, each at
 * its original due time (counted from the message's acceptance, the review's start, the pause,
 * the delivery's schedule); what fell due while the emulator was down happens at once.
 */
function resume(ctx: EmulatorContext, pendingWebhooks: unknown[]): void {
  const { state } = ctx;
  for (const msg of state.messages.values()) {
    const phone = state.phones.get(msg.phoneNumberId);
    const final = msg.status === "failed" || msg.status === "read";
    if (!phone || final) continue;
    if (msg.held) releaseHeld(ctx, phone, msg);
    else if (msg.errorCode !== undefined)
      schedulePipeline(ctx, phone, msg, msg.pricing as never, msg.errorCode);
    else if (msg.pricing) schedulePipeline(ctx, phone, msg, msg.pricing as never);
  }
  for (const t of state.templates.values()) {
    if (t.status === "PENDING") reviewTemplate(ctx, t);
    resumePausing(ctx, t);
  }
  for (const portfolio of state.portfolios.values()) {
    resumeScaling(ctx, portfolio);
    resumeBusinessVerification(ctx, portfolio);
  }
  for (const waba of state.wabas.values()) resumeAccountReview(ctx, waba);
  for (const phone of state.phones.values()) {
    resumeThroughputUpgrade(ctx, phone);
    resumeNameReviews(ctx, phone);
  }
  for (const entry of pendingWebhooks)
    if (isPending(entry)) ctx.webhooks.restore(entry);
    else ctx.webhooks.send(entry);
}

const fileOf = (dataDir: string) => join(dataDir, "emulator-state.json");

export function saveToDataDir(ctx: EmulatorContext): void {
  const dir = ctx.config.dataDir;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const tmp = `${fileOf(dir)}.tmp`;
  writeFileSync(tmp, JSON.stringify(exportState(ctx)));
  renameSync(tmp, fileOf(dir)); // atomic: a crash mid-write leaves the previous state
}

export function loadFromDataDir(ctx: EmulatorContext): boolean {
  const dir = ctx.config.dataDir;
  if (!dir || !existsSync(fileOf(dir))) return false;
  importState(ctx, JSON.parse(readFileSync(fileOf(dir), "utf8")) as EmulatorSnapshot);
  return true;
}
