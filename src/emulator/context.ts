/**
 * The emulator context: config, state, webhook sender, timers and the seeded RNG, shared by every
 * route file. Config is replaced (not mutated) on change, so always read `ctx.config`.
 */
import { createHash, randomBytes } from "node:crypto";
import { defaultConfig, type EmulatorConfig, type EmulatorConfigInput, mergeConfig } from "./config.ts";
import { unknownObject } from "./graph-error.ts";
import { memoize } from "./memo.ts";
import { Scheduler } from "./scheduler.ts";
import { EmulatorState, type PhoneState } from "./state.ts";
import { WebhookSender } from "./webhooks.ts";

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const digits = (s: string) => s.replace(/\D/g, "");
/** A business number's digits (on every send and status: remembered). */
export const displayDigits = memoize(digits, 10_000);
export const nowSec = () => Math.floor(Date.now() / 1000);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const sha256Hex = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Random bytes drawn 24 KiB at a time (a wamid each 24 bytes): one syscall per thousand ids. */
let wamidBytes = Buffer.alloc(0);
let wamidOffset = 0;

export function wamid(): string {
  if (wamidOffset + 24 > wamidBytes.length) {
    wamidBytes = randomBytes(24 * 1024);
    wamidOffset = 0;
  }
  wamidOffset += 24;
  return `wamid.${wamidBytes.toString("base64url", wamidOffset - 24, wamidOffset)}`;
}

/** A webhook notification `{object, entry}` with one change. */
export function envelope(wabaId: string, field: string, value: unknown, withTime = false) {
  const entry: Record<string, unknown> = { id: wabaId, changes: [{ value, field }] };
  if (withTime) entry.time = nowSec();
  return { object: "whatsapp_business_account", entry: [entry] };
}

export const metadata = (p: PhoneState) => ({
  display_phone_number: displayDigits(p.displayPhoneNumber),
  phone_number_id: p.id,
});

export class EmulatorContext {
  config: EmulatorConfig;
  random: () => number;
  readonly state: EmulatorState;
  readonly webhooks: WebhookSender;
  /** Pending statuses, reviews and rule timers (cleared on reset and close). */
  readonly timers = new Scheduler();
  /** Set once the server listens, e.g. http://127.0.0.1:40123 */
  baseUrl = "";

  constructor(input: EmulatorConfigInput) {
    this.config = mergeConfig(defaultConfig(), input);
    this.random = mulberry32(this.config.randomSeed);
    this.state = new EmulatorState(this.config);
    this.webhooks = new WebhookSender(
      () => this.config,
      () => this.random(),
    );
  }

  later(ms: number, fn: () => void): void {
    this.timers.after(ms, fn);
  }

  phoneOr404(id: string, method?: string): PhoneState {
    const p = this.state.phones.get(id);
    if (!p) throw unknownObject(id, method);
    return p;
  }

  /** Whether an id names an object Graph would find (phone number, WABA, template, media). */
  knowsObject(id: string): boolean {
    const { state } = this;
    return state.phones.has(id) || state.wabas.has(id) || state.templates.has(id) || state.media.has(id);
  }

  setConfig(input: EmulatorConfigInput): EmulatorConfig {
    const seedChanged = input.randomSeed !== undefined && input.randomSeed !== this.config.randomSeed;
    const tputChanged =
      input.throughputPerSecond !== undefined &&
      input.throughputPerSecond !== this.config.throughputPerSecond;
    this.config = mergeConfig(this.config, input);
    if (seedChanged) this.random = mulberry32(this.config.randomSeed);
    // a new limit starts with a full bucket
    if (tputChanged) for (const p of this.state.phones.values()) p.bucket.tokens = Number.POSITIVE_INFINITY;
    if (input.pairRate !== undefined) this.state.pairBuckets.clear();
    return this.config;
  }

  clearTimers(): void {
    this.timers.clear();
  }

  reset(): void {
    this.clearTimers();
    this.webhooks.clear();
    this.random = mulberry32(this.config.randomSeed);
    this.state.seed(this.config);
  }
}
