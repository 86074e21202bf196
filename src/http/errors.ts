import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { AppError, type ProblemDetails, problem } from "../lib/problem.ts";

const fastifyCodes: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: "invalid_json",
  FST_ERR_CTP_EMPTY_JSON_BODY: "invalid_json",
  FST_ERR_CTP_BODY_TOO_LARGE: "body_too_large",
  FST_ERR_CTP_INVALID_MEDIA_TYPE: "unsupported_media_type",
};

/**
 * Fastify's `frameworkErrors`: errors its router raises before any route or error handler runs
 * (a path parameter longer than the router takes, a URL that does not decode) as problem JSON too.
 */
export function frameworkErrorProblem(error: FastifyError, _request: unknown, reply: FastifyReply) {
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH")
    return sendProblem(reply, problem(414, "path_parameter_too_long", "A path parameter is too long"));
  if (error.code === "FST_ERR_BAD_URL")
    return sendProblem(reply, problem(400, "bad_url", "The URL does not decode"));
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  return sendProblem(reply, problem(status, "bad_request", "The request could not be routed"));
}

export function sendProblem(reply: FastifyReply, body: ProblemDetails): FastifyReply {
  return reply.code(body.status).type("application/problem+json").send(body);
}

/** Turns every error into problem JSON with a stable code; internals never leak to clients. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, "route_not_found", `No route for ${request.method} ${request.url}`)),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return sendProblem(reply, problem(error.status, error.code, error.message, error.extensions));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? "request";
      return sendProblem(
        reply,
        problem(400, "validation_failed", `The ${where} is not valid`, {
          errors: error.validation.map((issue) => ({
            path: [where, ...String(issue.instancePath).split("/").filter(Boolean)].join("."),
            code: issue.keyword,
            message: issue.message ?? "invalid",
          })),
        }),
      );
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, "response did not match its schema");
      return sendProblem(reply, problem(500, "internal_error", "The server could not build its response"));
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, "unhandled error");
      return sendProblem(reply, problem(status, "internal_error", "Something went wrong on our side"));
    }
    // Fastify's own client errors (bad JSON, wrong content type, body too large...).
    const code =
      fastifyCodes[error.code] ?? (error.code ?? "bad_request").replace(/^FST_ERR_/, "").toLowerCase();
    return sendProblem(reply, problem(status, code, error.message));
  });
}
