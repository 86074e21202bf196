import type { Config } from "../../config/config.ts";

export interface WebhookSettings {
  /** First retry delay; later ones grow from it (x1, x3, x12, x60, x360, x1440, x2880), with jitter. */
  retryBaseMs: number;
  /** Attempts before a delivery is dead. */
  maxAttempts: number;
  /** Timeout of one POST (connect + response). */
  timeoutMs: number;
  /** Events per POST. */
  batchSize: number;
  /** Accept http(s) URLs on loopback/private/link-local hosts. */
  allowPrivateHosts: boolean;
}

/** Webhook settings, from the validated configuration. */
export function webhookSettings(
  config: Pick<
    Config,
    | "SANDBOX"
    | "WEBHOOK_RETRY_BASE_MS"
    | "WEBHOOK_MAX_ATTEMPTS"
    | "WEBHOOK_TIMEOUT_MS"
    | "WEBHOOKS_ALLOW_PRIVATE"
  >,
): WebhookSettings {
  return {
    retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
    maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    batchSize: 100,
    allowPrivateHosts: config.WEBHOOKS_ALLOW_PRIVATE ?? config.SANDBOX,
  };
}

const BACKOFF_FACTORS = [1, 3, 12, 60, 360, 1440, 2880];
/** Longest wait between two attempts. */
const MAX_DELAY_MS = 8 * 60 * 60 * 1000;

/** Delay before the attempt that follows `attempts` failed ones: exponential-ish, capped, +-20% jitter. */
export function retryDelayMs(attempts: number, baseMs: number, random = Math.random): number {
  const factor = BACKOFF_FACTORS[Math.min(Math.max(attempts, 1), BACKOFF_FACTORS.length) - 1] ?? 1;
  const delay = Math.min(baseMs * factor, MAX_DELAY_MS);
  return Math.round(delay * (0.8 + 0.4 * random()));
}
