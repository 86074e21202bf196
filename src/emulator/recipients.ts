/** Who the simulated recipients are (not on WhatsApp, never read) and the rate-limit buckets. */
import type { EmulatorConfig } from "./config.ts";
import { digits } from "./context.ts";

interface RecipientRule {
  numbers: string[];
  prefixes: string[];
  pattern?: string | null;
}

/** A rule's numbers and prefixes as digits and its pattern compiled, once per rule object (config is replaced on change). */
const compiled = new WeakMap<RecipientRule, (waId: string) => boolean>();

function matcher(rule: RecipientRule, emptyPrefixMatchesAll: boolean): (waId: string) => boolean {
  let match = compiled.get(rule);
  if (!match) {
    const numbers = new Set(rule.numbers.map(digits));
    const prefixes = rule.prefixes.map(digits).filter((pre) => emptyPrefixMatchesAll || pre.length > 0);
    const pattern = rule.pattern ? new RegExp(rule.pattern) : null;
    match = (waId) =>
      numbers.has(waId) || prefixes.some((pre) => waId.startsWith(pre)) || (pattern?.test(waId) ?? false);
    compiled.set(rule, match);
  }
  return match;
}

export const isNotOnWhatsApp = (config: EmulatorConfig, waId: string): boolean =>
  matcher(config.notOnWhatsApp, false)(waId);

export const neverReads = (config: EmulatorConfig, waId: string): boolean =>
  matcher(config.neverRead, true)(waId);

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
