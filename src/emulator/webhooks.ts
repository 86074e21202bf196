/** Signed webhook delivery from the emulator, with retries and injected faults. */
import type { EmulatorConfig } from "./config.ts";
import { Scheduler } from "./scheduler.ts";
import { createTransport, type DeliveryJob, type WebhookTransport } from "./webhook-transport.ts";
import { metaJson } from "./wire.ts";

export interface WebhookDelivery {
  readonly id: number;
  /** The notification as sent: ASCII-only JSON, the bytes signed. */
  readonly body: string;
  /** The notification as objects (parsed from `body` at each read). */
  readonly payload: unknown;
  /** "pending" until 2xx (delivered), retries exhausted (failed), or fault (dropped). */
  status: "pending" | "delivered" | "failed" | "dropped" | "skipped";
  attempts: number;
  lastStatusCode?: number | undefined;
  lastError?: string | undefined;
  readonly duplicate: boolean;
  reordered: boolean;
  createdAt: number;
  deliveredAt?: number | undefined;
  /** When the next attempt is due (epoch ms), while pending. */
  nextAttemptAt?: number | undefined;
}

/**
 * A logged delivery keeps its notification as the bytes sent, not as objects: under load the log
 * holds tens of thousands of them, and one string each is far less for the garbage collector to
 * copy and trace than the dozen objects of a notification. JSON (the control API) shows `payload`.
 */
class LoggedDelivery implements WebhookDelivery {
  readonly id: number;
  readonly body: string;
  readonly duplicate: boolean;
  status: WebhookDelivery["status"] = "pending";
  attempts = 0;
  reordered = false;
  createdAt = Date.now();
  lastStatusCode?: number | undefined;
  lastError?: string | undefined;
  deliveredAt?: number | undefined;
  nextAttemptAt?: number | undefined;

  constructor(id: number, body: string, duplicate: boolean) {
    this.id = id;
    this.body = body;
    this.duplicate = duplicate;
  }

  get payload(): unknown {
    return JSON.parse(this.body);
  }

  toJSON() {
    const { body: _body, ...fields } = this;
    return { ...fields, payload: this.payload };
  }
}

/** A pending delivery as persisted: its retry schedule goes on from where it was. */
export interface PendingWebhook {
  payload: unknown;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

/** Meta puts up to 1,000 updates in one notification. */
export const META_MAX_BATCH = 1_000;

export class WebhookSender {
  readonly deliveries: WebhookDelivery[] = [];
  private nextId = 1;
  /** Attempts due (one timer for all of them). */
  private readonly timers = new Scheduler();
  /** POSTs under way, and who waits for them to end (close). */
  private inflight = 0;
  private onIdle: (() => void) | null = null;
  private transport: { key: string; transport: WebhookTransport } | null = null;
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
    }
  }

  /** The gathered notifications as one: an entry per WABA, its changes in the order they came. */
  private flushBatch(): void {
    if (this.batchTimer) {
      clearTimeout(this.batchTimer);
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
    const body = metaJson(payload);
    const base = this.record(body, false);
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
      const dup = this.record(body, true);
      this.schedule(dup, this.random() * Math.max(f.webhookReorderWindowMs, 10));
    }
  }

  private record(body: string, duplicate: boolean): WebhookDelivery {
    const d = new LoggedDelivery(this.nextId++, body, duplicate);
    this.deliveries.push(d);
    const max = this.getConfig().maxLogEntries;
    // trim in chunks so a long run stays O(1) amortized per delivery
    if (this.deliveries.length > max + Math.max(1, max >> 3))
      this.deliveries.splice(0, this.deliveries.length - max);
    return d;
  }

  private schedule(d: WebhookDelivery, delayMs: number): void {
    if (this.closed) return;
    d.nextAttemptAt = Date.now() + delayMs;
    this.timers.at(d.nextAttemptAt, () => this.attempt(d));
  }

  /** The transport for the current settings (a change of threads or connections makes a new one). */
  private transportFor(cfg: EmulatorConfig): WebhookTransport {
    const { workers, connections, pipelining } = cfg.webhookDelivery;
    const key = `${workers}:${connections}:${pipelining}`;
    if (this.transport?.key !== key) {
      void this.transport?.transport.close();
      this.transport = { key, transport: createTransport({ workers, connections, pipelining }) };
    }
    return this.transport.transport;
  }

  private attempt(d: WebhookDelivery): void {
    const cfg = this.getConfig();
    if (!cfg.webhookUrl || this.closed) return;
    d.attempts++;
    this.inflight++;
    const { timeoutMs } = cfg.webhookDelivery;
    const job: DeliveryJob = [d.id, cfg.webhookUrl, d.body, cfg.appSecret, timeoutMs];
    this.transportFor(cfg).post(job, (statusCode, error) => {
      this.inflight--;
      this.settle(d, statusCode, error);
      if (this.inflight === 0) this.onIdle?.();
    });
  }

  /** An attempt's outcome: delivered on 2xx, else retried with backoff until the attempts or age run out. */
  private settle(d: WebhookDelivery, statusCode: number, error: string | undefined): void {
    if (statusCode > 0) d.lastStatusCode = statusCode;
    if (statusCode >= 200 && statusCode < 300) {
      d.status = "delivered";
      d.deliveredAt = Date.now();
      return;
    }
    d.lastError = error ?? `HTTP ${statusCode}`;
    const cfg = this.getConfig();
    const { attempts, maxAgeMs } = cfg.webhookDelivery;
    if ((attempts > 0 && d.attempts >= attempts) || Date.now() - d.createdAt >= maxAgeMs) {
      d.status = "failed";
      return;
    }
    const { baseDelayMs, maxDelayMs } = cfg.webhookDelivery;
    const delay = Math.min(maxDelayMs, baseDelayMs * 2 ** (d.attempts - 1));
    this.schedule(d, delay * (0.75 + this.random() * 0.5));
  }

  /**
   * Sends a logged notification again (the sandbox page's redelivery), as a new delivery with the
   * same payload; its attempts and retries are its own. Undefined if the log no longer holds it.
   */
  redeliver(id: number): WebhookDelivery | undefined {
    const original = this.deliveries.find((d) => d.id === id);
    if (!original || this.closed) return undefined;
    const copy = this.record(original.body, false);
    if (!this.getConfig().webhookUrl) copy.status = "skipped";
    else this.schedule(copy, 0);
    return copy;
  }

  /** The deliveries still pending, with their schedules (for persistence). */
  pendingDeliveries(): PendingWebhook[] {
    const gathered = this.batch.map((payload) => ({
      payload,
      createdAt: Date.now(),
      attempts: 0,
      nextAttemptAt: 0,
    }));
    const scheduled = this.deliveries
      .filter((d) => d.status === "pending")
      .map((d) => ({
        payload: d.payload,
        createdAt: d.createdAt,
        attempts: d.attempts,
        nextAttemptAt: d.nextAttemptAt ?? 0,
      }));
    return [...gathered, ...scheduled];
  }

  /**
   * Takes back a persisted pending delivery: its next attempt at its original time (at once if that
   * passed), its attempts and age counted as before, so the 7-day limit runs from the first send.
   */
  restore(pending: PendingWebhook): void {
    if (this.closed) return;
    if (!this.getConfig().webhookUrl) {
      this.record(metaJson(pending.payload), false).status = "skipped";
      return;
    }
    const d = this.record(metaJson(pending.payload), false);
    d.createdAt = pending.createdAt;
    d.attempts = pending.attempts;
    this.schedule(d, Math.max(0, pending.nextAttemptAt - Date.now()));
  }

  /** Number of deliveries still pending (gathered for a batch, scheduled or in flight). */
  pending(): number {
    return this.batch.length + this.deliveries.filter((d) => d.status === "pending").length;
  }

  clear(): void {
    this.timers.clear();
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batch = [];
    this.batchTimer = null;
    this.deliveries.length = 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.timers.clear();
    if (this.batchTimer) clearTimeout(this.batchTimer);
    if (this.inflight > 0) await new Promise<void>((resolve) => (this.onIdle = resolve));
    await this.transport?.transport.close();
  }
}
