import { z } from "zod";
import type { Services } from "../../app/services.ts";
import type { ZodApp } from "../../http/context.ts";
import { findUnsafeInput } from "../../http/input-safety.ts";
import { AppError } from "../../lib/problem.ts";
import type { WebhookEvent } from "../../whatsapp/types.ts";
import {
  parseWebhook,
  verifyHandshake,
  verifySignature,
  WebhookPayloadError,
} from "../../whatsapp/webhook.ts";
import { isDataRefusal, type StoredWebhook, webhookStore } from "./webhook-store.ts";

/** Meta sends webhook bodies of up to 3 MB; the API's own body limit is far smaller. */
const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/**
 * Meta's webhook endpoint. A POST is verified (X-Hub-Signature-256 over the raw body), parsed
 * (a bad body is refused whole), stored, and only then acknowledged: Meta retries anything not
 * answered 200, so nothing acknowledged is ever lost.
 */
export async function whatsappWebhookReceiver(app: ZodApp, services: Services) {
  const store = webhookStore(services, app.log);
  await app.register(async (scope) => {
    scope.removeContentTypeParser("application/json");
    scope.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );

    scope.get(
      "/webhooks/whatsapp",
      {
        schema: {
          tags: ["whatsapp"],
          summary: "Meta's webhook subscription handshake",
          querystring: z.looseObject({}),
        },
      },
      async (request, reply) => {
        const challenge = verifyHandshake(
          request.query as Record<string, unknown>,
          services.graph.verifyToken,
        );
        if (challenge === null)
          throw new AppError(403, "verify_token_mismatch", "hub.verify_token does not match");
        return reply.type("text/plain").send(challenge);
      },
    );

    scope.post(
      "/webhooks/whatsapp",
      {
        bodyLimit: WEBHOOK_BODY_LIMIT,
        schema: { tags: ["whatsapp"], summary: "Meta's webhook notifications (signed with the app secret)" },
      },
      async (request, reply) => {
        const raw = request.body as Buffer | undefined;
        if (!Buffer.isBuffer(raw)) {
          throw new AppError(415, "unsupported_media_type", "Send application/json");
        }
        const signature = request.headers["x-hub-signature-256"];
        if (
          !verifySignature(
            raw,
            typeof signature === "string" ? signature : undefined,
            services.graph.appSecret,
          )
        ) {
          throw new AppError(401, "invalid_signature", "X-Hub-Signature-256 does not match the body");
        }
        let body: unknown;
        let events: WebhookEvent[];
        const text = raw.toString("utf8");
        try {
          body = JSON.parse(text);
          events = parseWebhook(body);
        } catch (error) {
          const issues = error instanceof WebhookPayloadError ? error.issues : [];
          throw new AppError(400, "invalid_webhook_payload", (error as Error).message, {
            errors: issues.map((issue) => ({ ...issue, code: "invalid" })),
          });
        }
        // Signed by Meta and valid, but holding what PostgreSQL cannot store (a NUL, a lone
        // surrogate, nesting too deep): Meta would retry it for days; keep its bytes and answer 200.
        const unsafe = findUnsafeInput(body, "body", { maxStringLength: WEBHOOK_BODY_LIMIT });
        const item: StoredWebhook = unsafe
          ? { unstorable: { raw, reason: `${unsafe.path}: ${unsafe.message}` } }
          : { body, text, events };
        const failure = await store(item);
        if (failure) {
          if (!isDataRefusal(failure)) throw failure;
          request.log.warn({ err: failure }, "signed webhook the database refuses; kept as raw bytes");
          const kept = await store({ unstorable: { raw, reason: failure.message } });
          if (kept) throw kept;
        } else if (unsafe) {
          request.log.warn({ path: unsafe.path, reason: unsafe.message }, "signed webhook kept as raw bytes");
        }
        return reply.code(200).send();
      },
    );
  });
}
