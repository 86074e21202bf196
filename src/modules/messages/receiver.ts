import type { FastifyBaseLogger } from "fastify";
import { z } from "zod";
import type { Services, ZodApp } from "../../http/context.ts";
import { sendProblem } from "../../http/errors.ts";
import { findUnsafeInput } from "../../http/input-safety.ts";
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

/** At most one ingest wake-up per this many milliseconds per process. */
const WAKE_WINDOW_MS = 50;

/** Meta sends webhook bodies of up to 3 MB; the API's own body limit is far smaller. */
const WEBHOOK_BODY_LIMIT = 3 * 1024 * 1024;

/** A stored webhook, or the raw bytes of one PostgreSQL refused, kept (processed) for inspection. */
type StoredWebhook = { body: unknown } | { unstorable: { raw: Buffer; reason: string } };

function rowOf(item: StoredWebhook) {
  if ("body" in item) return { body: item.body };
  // Base64 of the raw bytes is always storable; the row is done, so ingest never picks it up.
  return {
    body: {
      charla_unstorable: {
        reason: item.unstorable.reason,
        raw_base64: item.unstorable.raw.toString("base64"),
      },
    },
    processedAt: new Date(),
    error: `unstorable webhook: ${item.unstorable.reason}`.slice(0, 4000),
  };
}

/** PostgreSQL refused the data itself (data exception, or a limit such as jsonb depth): retrying cannot help. */
export function isDataRefusal(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: string; cause?: { code?: string } };
  const sqlState = cause?.code ?? code ?? "";
  return sqlState.startsWith("22") || sqlState.startsWith("54");
}

/**
 * Stores webhook bodies; the table is the queue. A row is durable once the (autocommit,
 * multi-row) insert returns, and webhooks arriving together share one insert (group commit).
 * A batch the database refuses is stored row by row, so one body it cannot hold fails alone and
 * never the webhooks beside it. The ingest job is woken after the commit, so it sees the rows: at
 * once for the first webhook, then at most once per window for those that follow (one job drains
 * them all). A wake-up lost to a crash or a failed send is made up by the ingest queue's
 * schedule, a minute at most.
 */
export function webhookStore(services: Services, log: FastifyBaseLogger) {
  const wake = throttle(WAKE_WINDOW_MS, () =>
    services.boss
      .send(INGEST_QUEUE, {})
      .catch((error) => log.warn({ err: error }, "could not wake webhook ingest; its schedule will")),
  );
  const insert = (items: StoredWebhook[]) =>
    services.database.db.insert(whatsappWebhookEvents).values(items.map(rowOf));
  return groupCommit<StoredWebhook, Error | null>(
    async (items) => {
      try {
        await insert(items);
        wake();
        return items.map(() => null);
      } catch (batchError) {
        if (items.length === 1) return [batchError as Error];
        const results: (Error | null)[] = [];
        for (const item of items)
          results.push(
            await insert([item]).then(
              () => null,
              (error: Error) => error,
            ),
          );
        if (results.includes(null)) wake();
        return results;
      }
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
          return sendProblem(reply, problem(403, "verify_token_mismatch", "hub.verify_token does not match"));
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
        // Signed by Meta and valid, but holding what PostgreSQL cannot store (a NUL, a lone
        // surrogate, nesting too deep): Meta would retry it for days; keep its bytes and answer 200.
        const unsafe = findUnsafeInput(body, "body", { maxStringLength: WEBHOOK_BODY_LIMIT });
        const item: StoredWebhook = unsafe
          ? { unstorable: { raw, reason: `${unsafe.path}: ${unsafe.message}` } }
          : { body };
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
