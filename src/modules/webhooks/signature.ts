import { createHmac } from "node:crypto";
import { randomToken, safeEqual } from "../../lib/crypto.ts";

/** Header carrying "t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${rawBody}`)>". */
export const SIGNATURE_HEADER = "charla-signature";
/** Header carrying the batch id; the same id is sent again when a batch is retried. */
export const DELIVERY_HEADER = "charla-delivery";

export function generateWebhookSecret(): string {
  return `whsec_${randomToken(32)}`;
}

function hmacHex(secret: string, timestamp: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
}

/** The Charla-Signature header value for a body sent at `timestamp` (unix seconds). */
export function signCharlaPayload(
  rawBody: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000),
): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, rawBody)}`;
}

/**
 * Verifies a Charla-Signature header against the exact raw request body (before any JSON parsing).
 * Rejects timestamps further than `toleranceSeconds` from now (replays) and accepts any of several
 * v1 signatures. Customers can copy this function: it only needs node:crypto.
 */
export function verifyCharlaSignature(
  rawBody: string | Buffer,
  header: string | null | undefined,
  secret: string,
  toleranceSeconds = 300,
  now = Math.floor(Date.now() / 1000),
): boolean {
  if (!header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d+$/.test(value)) timestamp = Number(value);
    else if (key === "v1" && value) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return false;
  if (Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = hmacHex(
    secret,
    timestamp,
    typeof rawBody === "string" ? rawBody : rawBody.toString("utf8"),
  );
  return signatures.some((signature) => safeEqual(signature, expected));
}
