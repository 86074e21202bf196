/** The emulator's Fastify app and the Graph route wrapper (version, auth, latency, injected faults). */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { graphErrorBody } from "../whatsapp/errors.ts";
import { type EmulatorContext, sleep } from "./context.ts";
import { GraphError } from "./graph-error.ts";

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

const BODY_LIMIT = 100 * 1024 * 1024;

export function createEmulatorApp(logger: boolean): FastifyInstance {
  const app = Fastify({ logger, forceCloseConnections: true, bodyLimit: BODY_LIMIT });
  app.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer", bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  app.setErrorHandler((error, _req, reply) => {
    if (error instanceof GraphError) return reply.code(error.status).send(error.body);
    const err = error as Error & { statusCode?: number };
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const r = graphErrorBody(100, { details: err.message, message: `(#100) ${err.message}` });
      return reply.code(400).send(r.body);
    }
    const r = graphErrorBody(1, { message: "An unknown error has occurred." });
    return reply.code(500).send(r.body);
  });
  app.setNotFoundHandler((req, reply) => {
    const r = graphErrorBody(100, {
      message: `Unsupported ${req.method.toLowerCase()} request.`,
      details: `Unknown path ${req.url}`,
    });
    reply.code(400).send(r.body);
  });
  return app;
}

/** Checks the access token like Graph: a Bearer header with the configured token. */
function checkToken(ctx: EmulatorContext, req: FastifyRequest): void {
  const auth = req.headers.authorization;
  const token = typeof auth === "string" && auth.startsWith("Bearer ") ? auth.slice(7) : undefined;
  if (token === undefined) {
    throw new GraphError(190, { message: "An active access token must be used to query information." });
  }
  if (token !== ctx.config.accessToken) {
    throw new GraphError(190, { message: "Invalid OAuth access token - Cannot parse access token" });
  }
}

/** Wraps a Graph route: version check, latency, auth, injected failures. */
export const graph =
  (ctx: EmulatorContext, handler: Handler, opts: { send?: boolean } = {}): Handler =>
  async (req, reply) => {
    ctx.state.stats.graphRequests++;
    const f = ctx.config.faults;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    const { version } = req.params as { version?: string };
    if (version !== undefined && !/^v\d+\.\d+$/.test(version)) {
      throw new GraphError(100, {
        message: `Unknown path components: /${version}`,
        details: "Invalid Graph API version",
      });
    }
    checkToken(ctx, req);
    if (f.failNext && f.failNext.count > 0) {
      const fn = f.failNext;
      fn.count--;
      if (fn.count <= 0) f.failNext = null;
      ctx.state.stats.injectedErrors++;
      throw new GraphError(fn.code, fn.details === undefined ? {} : { details: fn.details });
    }
    if (opts.send) {
      if (f.timeoutRate > 0 && ctx.random() < f.timeoutRate) {
        ctx.state.stats.injectedTimeouts++;
        reply.hijack();
        ctx.later(f.timeoutMs, () => reply.raw.destroy());
        return reply;
      }
      if (f.errorRate > 0 && ctx.random() < f.errorRate) {
        ctx.state.stats.injectedErrors++;
        const pick = ctx.random();
        if (pick < 0.4) throw new GraphError(131000);
        if (pick < 0.8) throw new GraphError(131016);
        throw new GraphError(2, { message: "Service temporarily unavailable" });
      }
    }
    return handler(req, reply);
  };

export const fieldsOf = (q: unknown): string[] | undefined => {
  const f = (q as { fields?: unknown }).fields;
  return typeof f === "string" && f.length > 0 ? f.split(",").map((s) => s.trim()) : undefined;
};

export const bodyObj = (req: FastifyRequest): Record<string, unknown> =>
  typeof req.body === "object" && req.body !== null && !Buffer.isBuffer(req.body)
    ? (req.body as Record<string, unknown>)
    : {};

/** The `:id` path parameter of a Graph route. */
export const idParam = (req: FastifyRequest): string => (req.params as { id: string }).id;
