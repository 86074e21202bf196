/** Signed webhook delivery from the emulator, with retries and injected faults. */
import { Agent, request } from "undici";
import { signPayload } from "../whatsapp/webhook.ts";
import type { EmulatorConfig } from "./config.ts";
import { metaJson } from "./wire.ts";

export interface WebhookDelivery {
  id: number;
  payload: unknown;
  /** "pending" until 2xx (delivered), retries exhausted (failed), or fault (dropped). */
  status: "pending" | "delivered" | "failed" | "dropped" | "skipped";
  attempts: number;
  lastStatusCode?: number | undefined;
  lastError?: string | undefined;
  duplicate: boolean;
  reordered: boolean;
  createdAt: number;
  deliveredAt?: number | undefined;
}

/** Meta puts up to 1,000 updates in one notification. */
export const META_MAX_BATCH = 1_000;

export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private nextId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inflight = new Set<Promise<void>>();
  private readonly agent = new Agent({ connections: 16, keepAliveTimeout: 10_000 });
  private closed = false;
  private readonly getConfig: () => EmulatorConfig;
  private readonly random: () => number;

  constructor(getConfig: () => EmulatorConfig, random: () => number) {
    this.getConfig = getConfig;
    this.random = random;
  }

  private batch: unknown[] = [];
  private batchTimer: NodeJS.Timeout | null = null;

  /**
   * Queues one webhook notification (a full `{object, entry}` payload); with batching on, it may
   * share its POST with the notifications that follow it closely.
   */
  send(payload: unknown): void {
    if (this.closed) return;
    const { batchMaxEvents, batchWindowMs } = this.getConfig().webhookDelivery;
    if (batchMaxEvents <= 1) {
      this.post(payload);
      return;
    }
    this.batch.push(payload);
    if (this.batch.length >= Math.min(batchMaxEvents, META_MAX_BATCH)) this.flushBatch();
    else if (!this.batchTimer) {
      this.batchTimer = setTimeout(() => this.flushBatch(), batchWindowMs);
      this.timers.add(this.batchTimer);
    }
  }

  /** The gathered notifications as one: an entry per WABA, its changes in the order they came. */
  private flushBatch(): void {
    if (this.batchTimer) {
      clearTimeout(this.batchTimer);
      this.timers.delete(this.batchTimer);
      this.batchTimer = null;
    }
    const payloads = this.batch as { object: string; entry: { id: string; changes: unknown[] }[] }[];
    this.batch = [];
    if (payloads.length === 0) return;
    const entries = new Map<string, { id: string; changes: unknown[] }>();
    for (const payload of payloads)
      for (const entry of payload.entry) {
        const merged = entries.get(entry.id) ?? { ...entry, changes: [] };
        merged.changes.push(...entry.changes);
        entries.set(entry.id, merged);
      }
    this.post({ object: payloads[0]!.object, entry: [...entries.values()] });
  }

  private post(payload: unknown): void {
    const cfg = this.getConfig();
    const f = cfg.faults;
    const base = this.record(payload, false);
    if (!cfg.webhookUrl) {
      base.status = "skipped";
      return;
    }
    if (f.webhookDropRate > 0 && this.random() < f.webhookDropRate) {
      base.status = "dropped";
      return;
    }
    const reorder = f.webhookReorderRate > 0 && this.random() < f.webhookReorderRate;
    base.reordered = reorder;
    this.schedule(base, reorder ? this.random() * f.webhookReorderWindowMs : 0);
    if (f.webhookDuplicateRate > 0 && this.random() < f.webhookDuplicateRate) {
      const dup = this.record(payload, true);
      this.schedule(dup, this.random() * Math.max(f.webhookReorderWindowMs, 10));
    }
  }

  private record(payload: unknown, duplicate: boolean): WebhookDelivery {
    const d: WebhookDelivery = {
      id: this.nextId++,
      payload,
      status: "pending",
      attempts: 0,
      duplicate,
      reordered: false,
      createdAt: Date.now(),
    };
    this.deliveries.push(d);
    const max = this.getConfig().maxLogEntries;
    // trim in chunks so a long run stays O(1) amortized per delivery
    if (this.deliveries.length > max + Math.max(1, max >> 3))
      this.deliveries.splice(0, this.deliveries.length - max);
    return d;
  }

  private schedule(d: WebhookDelivery, delayMs: number): void {
    if (this.closed) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      const p = this.attempt(d).finally(() => this.inflight.delete(p));
      this.inflight.add(p);
    }, delayMs);
    this.timers.add(t);
  }

  private async attempt(d: WebhookDelivery): Promise<void> {
    const cfg = this.getConfig();
    if (!cfg.webhookUrl || this.closed) return;
    d.attempts++;
    const body = metaJson(d.payload);
    try {
      const res = await request(cfg.webhookUrl, {
        method: "POST",
        dispatcher: this.agent,
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signPayload(body, cfg.appSecret),
          "user-agent": "facebookexternalua",
        },
        body,
        headersTimeout: cfg.webhookDelivery.timeoutMs,
        bodyTimeout: cfg.webhookDelivery.timeoutMs,
      });
      await res.body.dump();
      d.lastStatusCode = res.statusCode;
      if (res.statusCode >= 200 && res.statusCode < 300) {
        d.status = "delivered";
        d.deliveredAt = Date.now();
        return;
      }
      d.lastError = `HTTP ${res.statusCode}`;
    } catch (err) {
      d.lastError = (err as Error).message;
    }
    const { attempts, maxAgeMs } = cfg.webhookDelivery;
    if ((attempts > 0 && d.attempts >= attempts) || Date.now() - d.createdAt >= maxAgeMs) {
      d.status = "failed";
      return;
    }
    const { baseDelayMs, maxDelayMs } = cfg.webhookDelivery;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (d.attempts - 1));
    this.schedule(d, delay * (0.75 + this.random() * 0.5));
  }

  /** Number of deliveries still pending (gathered for a batch, scheduled or in flight). */
  pending(): number {
    return this.batch.length + this.deliveries.filter((d) => d.status === "pending").length;
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.batch = [];
    this.batchTimer = null;
    this.deliveries.length = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.allSettled([...this.inflight]);
    await this.agent.close();
  }
}
