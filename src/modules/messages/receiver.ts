import { z } from "zod";
import type { Services } from "../../app/services.ts";
import type { ZodApp } from "../../http/context.ts";
import { AppError } from "../../lib/problem.ts";
import {
  parseWebhook,
  verifyHandshake,
  verifySignature,
  WebhookPayloadError,
} from "../../whatsapp/webhook.ts";
import { webhookStore } from "./webhook-store.ts";

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
        try {
          body = JSON.parse(raw.toString("utf8"));
          parseWebhook(body);
        } catch (error) {
          const issues = error instanceof WebhookPayloadError ? error.issues : [];
          throw new AppError(400, "invalid_webhook_payload", (error as Error).message, {
            errors: issues.map((issue) => ({ ...issue, code: "invalid" })),
          });
        }
        await store(body);
        return reply.code(200).send();
      },
    );
  });
}
