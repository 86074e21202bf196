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

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`${name}=${JSON.stringify(value)}: must be a positive integer`);
  return parsed;
}

function flag(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === "") return fallback;
  if (["true", "1", "yes"].includes(value)) return true;
  if (["false", "0", "no"].includes(value)) return false;
  throw new Error(`${name}=${JSON.stringify(value)}: must be true or false`);
}

/**
 * Webhook settings. Until they join src/config these variables are read here:
 * WEBHOOK_RETRY_BASE_MS (10000), WEBHOOK_MAX_ATTEMPTS (8), WEBHOOK_TIMEOUT_MS (10000),
 * WEBHOOKS_ALLOW_PRIVATE (defaults to SANDBOX: true in the sandbox, false in production).
 */
export function webhookSettings(
  config: Pick<Config, "SANDBOX">,
  env: Record<string, string | undefined> = process.env,
): WebhookSettings {
  return {
    retryBaseMs: positiveInt(env.WEBHOOK_RETRY_BASE_MS, 10_000, "WEBHOOK_RETRY_BASE_MS"),
    maxAttempts: positiveInt(env.WEBHOOK_MAX_ATTEMPTS, 8, "WEBHOOK_MAX_ATTEMPTS"),
    timeoutMs: positiveInt(env.WEBHOOK_TIMEOUT_MS, 10_000, "WEBHOOK_TIMEOUT_MS"),
    batchSize: 100,
    allowPrivateHosts: flag(env.WEBHOOKS_ALLOW_PRIVATE, config.SANDBOX, "WEBHOOKS_ALLOW_PRIVATE"),
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
