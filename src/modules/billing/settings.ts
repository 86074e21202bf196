/** Billing settings, read from the environment (until they join src/config). */
export interface BillingSettings {
  /** Markup when no per-tenant or per-category one is set, in basis points (2000 = 20%). */
  defaultMarkupBps: number;
  /** HMAC-SHA256 secret of the payment provider's top-up webhook; unset disables the webhook. */
  topUpSecret: string | null;
  /** A reservation Meta never settles is released after this long. */
  reservationTimeoutMs: number;
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer`);
  return parsed;
}

export function billingSettings(env: NodeJS.ProcessEnv = process.env): BillingSettings {
  return {
    defaultMarkupBps: integer(env.BILLING_DEFAULT_MARKUP_BPS, 2000, "BILLING_DEFAULT_MARKUP_BPS"),
    topUpSecret: env.BILLING_TOPUP_SECRET || null,
    reservationTimeoutMs:
      integer(env.BILLING_RESERVATION_TIMEOUT_HOURS, 72, "BILLING_RESERVATION_TIMEOUT_HOURS") * 3600_000,
  };
}
