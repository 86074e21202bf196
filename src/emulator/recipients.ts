/** Who the simulated recipients are (not on WhatsApp, never read) and the rate-limit buckets. */
import type { EmulatorConfig } from "./config.ts";
import { digits } from "./context.ts";

export function isNotOnWhatsApp(config: EmulatorConfig, waId: string): boolean {
  const r = config.notOnWhatsApp;
  if (r.numbers.some((n) => digits(n) === waId)) return true;
  if (r.prefixes.some((pre) => pre.length > 0 && waId.startsWith(digits(pre)))) return true;
  if (r.pattern && new RegExp(r.pattern).test(waId)) return true;
  return false;
}

export function neverReads(config: EmulatorConfig, waId: string): boolean {
  const r = config.neverRead;
  return r.numbers.some((n) => digits(n) === waId) || r.prefixes.some((pre) => waId.startsWith(digits(pre)));
}

/** Token bucket: refills `perMs` tokens a millisecond up to `capacity`; false when empty. */
export function takeToken(
  bucket: { tokens: number; last: number },
  capacity: number,
  perMs: number,
): boolean {
  const now = Date.now();
  if (!Number.isFinite(bucket.tokens)) {
    bucket.tokens = capacity;
    bucket.last = now;
  }
  bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.last) * perMs);
  bucket.last = now;
  if (bucket.tokens < 1) return false;
  bucket.tokens -= 1;
  return true;
}
