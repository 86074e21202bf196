import { z } from "zod";
import type { Services } from "../../app/services.ts";
import type { ZodApp } from "../../http/context.ts";
import { enqueue } from "../../jobs/queue.ts";
import { AppError } from "../../lib/problem.ts";
import {
  parseWebhook,
  verifyHandshake,
  verifySignature,
  WebhookPayloadError,
} from "../../whatsapp/webhook.ts";
import { groupCommit } from "./group-commit.ts";
import { INGEST_QUEUE } from "./queues.ts";
import { whatsappWebhookEvents } from "./schema.ts";

/** At most one ingest wake-up per this many milliseconds per process. */
const WAKE_WINDOW_MS = 50;

/**
 * Stores webhook bodies; the table is the queue. A row is durable once the (autocommit,
 * multi-row) insert returns, and webhooks arriving together share one insert (group commit).
 * The ingest job is woken after the commit, so it sees the rows: at once for the first webhook,
 * then at most once per window for those that follow (one job drains them all). A wake-up lost
 * to a crash or a failed send is made up by the ingest queue's schedule, a minute at most.
 */
function webhookStore(services: Services, log: { warn(object: object, message: string): void }) {
  const wake = throttle(WAKE_WINDOW_MS, () =>
    enqueue(services, INGEST_QUEUE, {}).catch((error) =>
      log.warn({ err: error }, "could not wake webhook ingest; its schedule will"),
    ),
  );
  return groupCommit<unknown, null>(
    async (bodies) => {
      await services.database.db.insert(whatsappWebhookEvents).values(bodies.map((body) => ({ body })));
      wake();
      return bodies.map(() => null);
    },
    { maxBatch: 500, maxConcurrent: 1 },
  );
}

/** Calls `run` at once, then at most once per window: calls inside a window make one call at its end. */
function throttle(windowMs: number, run: () => unknown): () => void {
  let timer: NodeJS.Timeout | null = null;
  let again = false;
  const open = () => {
    timer = setTimeout(() => {
      timer = null;
      if (again) {
        again = false;
        run();
        open();
      }
    }, windowMs);
    timer.unref();
  };
  return () => {
    if (timer) {
      again = true;
      return;
    }
    run();
    open();
  };
}

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
