import { z } from "zod";
import type { Services, ZodApp } from "../../http/context.ts";
import { sendProblem } from "../../http/errors.ts";
import { problem } from "../../http/problem.ts";
import { inTransaction } from "../../jobs/queue.ts";
import {
  parseWebhook,
  verifyHandshake,
  verifySignature,
  WebhookPayloadError,
} from "../../whatsapp/webhook.ts";
import { INGEST_QUEUE } from "./jobs.ts";
import { whatsappWebhookEvents } from "./schema.ts";

/**
 * Meta's webhook endpoint. A POST is verified (X-Hub-Signature-256 over the raw body), parsed
 * (a bad body is refused whole), stored with its ingest job in one transaction, and only then
 * acknowledged: Meta retries anything not answered 200, so nothing acknowledged is ever lost.
 */
export async function whatsappWebhookReceiver(app: ZodApp, services: Services) {
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
          return sendProblem(reply, problem(403, "verify_token_mismatch", "hub.verify_token does not match"));
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
          return sendProblem(reply, problem(415, "unsupported_media_type", "Send application/json"));
        }
        const signature = request.headers["x-hub-signature-256"];
        if (
          !verifySignature(
            raw,
            typeof signature === "string" ? signature : undefined,
            services.graph.appSecret,
          )
        ) {
          return sendProblem(
            reply,
            problem(401, "invalid_signature", "X-Hub-Signature-256 does not match the body"),
          );
        }
        let body: unknown;
        try {
          body = JSON.parse(raw.toString("utf8"));
          parseWebhook(body);
        } catch (error) {
          const issues = error instanceof WebhookPayloadError ? error.issues : [];
          return sendProblem(
            reply,
            problem(400, "invalid_webhook_payload", (error as Error).message, {
              errors: issues.map((issue) => ({ ...issue, code: "invalid" })),
            }),
          );
        }
        await services.database.db.transaction(async (tx) => {
          const [event] = await tx
            .insert(whatsappWebhookEvents)
            .values({ body })
            .returning({ id: whatsappWebhookEvents.id });
          await services.boss.send(INGEST_QUEUE, { eventId: event!.id }, inTransaction(tx));
        });
        return reply.code(200).send();
      },
    );
  });
}
