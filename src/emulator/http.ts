/** The emulator's Fastify app and the Graph route wrapper (version, auth, latency, injected faults). */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { type EmulatorContext, sleep } from "./context.ts";
import { GraphError, unknownObject } from "./graph-error.ts";
import { checkToken, checkVersion, rewriteGraphUrl } from "./transport.ts";

export type Handler = (req: FastifyRequest, reply: FastifyReply) => Promise<unknown> | unknown;

const BODY_LIMIT = 100 * 1024 * 1024;

/** Sends a Graph error as Meta does: its body, the trace id header, and WWW-Authenticate on 401. */
function sendGraphError(req: FastifyRequest, reply: FastifyReply, error: GraphError) {
  const body = error.objectId === undefined ? error.body : unknownObject(error.objectId, req.method).body;
  reply.header("x-fb-trace-id", String(body.error.fbtrace_id));
  if (error.status === 401) {
    reply.header("www-authenticate", `OAuth "Facebook Platform" "invalid_token" "${body.error.message}"`);
  }
  return reply.code(error.status).send(body);
}

function addBodyParsers(app: FastifyInstance): void {
  app.addContentTypeParser(
    "multipart/form-data",
    { parseAs: "buffer", bodyLimit: BODY_LIMIT },
    (_req, body, done) => done(null, body),
  );
  app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
  // Graph takes an empty body with a JSON content type as no parameters.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(Object.assign(error as Error, { statusCode: 400 }), undefined);
    }
  });
}

export function createEmulatorApp(ctx: EmulatorContext, logger: boolean): FastifyInstance {
  const app = Fastify({
    logger,
    forceCloseConnections: true,
    bodyLimit: BODY_LIMIT,
    rewriteUrl: (req) => rewriteGraphUrl(ctx.config, req.url ?? "/"),
  });
  addBodyParsers(app);
  app.setErrorHandler((error, req, reply) => {
    if (error instanceof GraphError) return sendGraphError(req, reply, error);
    const err = error as Error & { statusCode?: number };
    const status = err.statusCode ?? 500;
    if (status < 500) {
      const message = `(#100) ${err.message}`;
      return sendGraphError(req, reply, new GraphError(100, { details: err.message, message }));
    }
    return sendGraphError(req, reply, new GraphError(1, { message: "An unknown error has occurred." }));
  });
  app.setNotFoundHandler((req, reply) => {
    const [, version = "", id = ""] = (req.url.split("?")[0] ?? "").split("/");
    let error = new GraphError(100, {
      message: `Unsupported ${req.method.toLowerCase()} request.`,
      details: `Unknown path ${req.url}`,
    });
    try {
      checkVersion(ctx.config, version, req.url);
      if (id !== "" && !ctx.knowsObject(id)) error = unknownObject(id, req.method);
    } catch (versionError) {
      error = versionError as GraphError;
    }
    return sendGraphError(req, reply, error);
  });
  return app;
}

/** Wraps a Graph route: version check, latency, auth, injected failures. */
export const graph =
  (ctx: EmulatorContext, handler: Handler, opts: { send?: boolean } = {}): Handler =>
  async (req, reply) => {
    ctx.state.stats.graphRequests++;
    const f = ctx.config.faults;
    if (f.latencyMs > 0) await sleep(f.latencyMs);
    const { version } = req.params as { version?: string };
    if (version !== undefined) checkVersion(ctx.config, version, req.url);
    checkToken(ctx.config, req);
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

/** A control endpoint's JSON body (control endpoints are the emulator's own, not Graph). */
export const bodyObj = (req: FastifyRequest): Record<string, unknown> =>
  typeof req.body === "object" && req.body !== null && !Buffer.isBuffer(req.body)
    ? (req.body as Record<string, unknown>)
    : {};

/** The `:id` path parameter of a Graph route. */
export const idParam = (req: FastifyRequest): string => (req.params as { id: string }).id;
