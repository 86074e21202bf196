import { z } from "zod";
import type { Services, ZodApp } from "../../http/context.ts";
import { sendProblem } from "../../http/errors.ts";
import { problem } from "../../http/problem.ts";
import {
  parseWebhook,
  verifyHandshake,
  verifySignature,
  WebhookPayloadError,
} from "../../whatsapp/webhook.ts";
import { groupCommit } from "./group-commit.ts";
import { INGEST_QUEUE } from "./queues.ts";
import { whatsappWebhookEvents } from "./schema.ts";

/**
 * Stores webhook bodies and makes sure an ingest job will look at them. The table is the queue:
 * the rows are durable once the (autocommit, multi-row) insert returns; the ingest job that
 * follows is created after that commit, so it sees them. Webhooks arriving together share one
 * insert and one job send (group commit). If the job send fails the request fails, Meta retries
 * and the duplicate row is harmless (ingest is idempotent); the stored row is ingested by the next job.
 */
function webhookStore(services: Services) {
  return groupCommit<unknown, null>(
    async (bodies) => {
      await services.database.db.insert(whatsappWebhookEvents).values(bodies.map((body) => ({ body })));
      // Policy "short": when a job is already waiting this is a no-op, and that job sees these rows.
      await services.boss.send(INGEST_QUEUE, {});
      return bodies.map(() => null);
    },
    { maxBatch: 500, maxConcurrent: 2 },
  );
}

/**
 * Meta's webhook endpoint. A POST is verified (X-Hub-Signature-256 over the raw body), parsed
 * (a bad body is refused whole), stored, and only then acknowledged: Meta retries anything not
 * answered 200, so nothing acknowledged is ever lost.
 */
export async function whatsappWebhookReceiver(app: ZodApp, services: Services) {
  const store = webhookStore(services);
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
        await store(body);
        return reply.code(200).send();
      },
    );
  });
}
