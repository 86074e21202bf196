import { createHmac } from "node:crypto";
import { z } from "zod";
import type { ModuleRoutes } from "../../http/context.ts";
import { safeEqual } from "../../lib/crypto.ts";
import { AppError, unprocessable } from "../../lib/problem.ts";
import { amountInput, amountMicros } from "./amounts.ts";
import { creditedOut } from "./route-schemas.ts";
import { billingSettings } from "./settings.ts";
import { getWallet, topUp } from "./wallet.ts";

export const TOP_UP_SIGNATURE_HEADER = "x-charla-signature-256";

/** "sha256=<hex>" of the raw body with the shared secret, as the payment provider signs it. */
export function signTopUp(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

const payload = z.object({
  paymentId: z.string().trim().min(1).max(200),
  tenantId: z.uuid(),
  amount: amountInput,
  currency: z.string().regex(/^[A-Z]{3}$/),
});

/**
 * The payment provider's top-up webhook: HMAC-SHA256 over the raw body (X-Charla-Signature-256),
 * credited once per payment id whatever the provider's retries. Off (404) without BILLING_TOPUP_SECRET.
 */
export const topUpWebhook: ModuleRoutes = async (app, services) => {
  await app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );
    scope.post(
      "/webhooks/billing/top-up",
      {
        schema: {
          tags: ["billing"],
          summary: "A payment provider's signed top-up notification (idempotent on paymentId)",
          response: { 200: creditedOut },
        },
      },
      async (request, reply) => {
        const secret = billingSettings().topUpSecret;
        if (!secret) throw new AppError(404, "top_up_webhook_disabled", "Top-up webhooks are not configured");
        const raw = request.body as Buffer | undefined;
        if (!Buffer.isBuffer(raw)) throw new AppError(415, "unsupported_media_type", "Send application/json");
        const signature = request.headers[TOP_UP_SIGNATURE_HEADER];
        if (typeof signature !== "string" || !safeEqual(signature, signTopUp(secret, raw)))
          throw new AppError(
            401,
            "signature_invalid",
            `The ${TOP_UP_SIGNATURE_HEADER} signature does not match`,
          );
        let parsed: z.infer<typeof payload>;
        try {
          parsed = payload.parse(JSON.parse(raw.toString("utf8")));
        } catch {
          throw new AppError(400, "top_up_invalid", "Send { paymentId, tenantId, amount, currency }");
        }
        const { db } = services.database;
        const wallet = await getWallet(db, parsed.tenantId);
        if (!wallet) throw new AppError(404, "wallet_not_found", "The tenant has no wallet");
        if (wallet.currency !== parsed.currency)
          throw unprocessable("currency_mismatch", `The wallet is in ${wallet.currency}`);
        const credited = await db.transaction((tx) =>
          topUp(
            { boss: services.boss, tx },
            {
              tenantId: parsed.tenantId,
              amountMicros: amountMicros(parsed.amount),
              key: `provider:${parsed.paymentId}`,
              reference: parsed.paymentId,
              author: "payment_provider",
            },
          ),
        );
        return reply.status(200).send({ credited, replayed: !credited });
      },
    );
  });
};
