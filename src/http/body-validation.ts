import { validatorCompiler } from "fastify-type-provider-zod";
import type { z } from "zod";

/**
 * A route's validator compiler that checks the body against `envelope` instead of the schema the
 * route documents: for routes that check parts of the body one by one (a batch whose items each
 * get their own answer), with the same problem JSON for what the envelope refuses.
 */
export function validateBodyAs(envelope: z.ZodType) {
  type Route = Parameters<typeof validatorCompiler>[0];
  // Fastify types a route's compiler by that route's schema; what it receives is one part's schema.
  return <R>(route: R) => {
    const part = route as unknown as Route;
    return validatorCompiler(part.httpPart === "body" ? { ...part, schema: envelope } : part);
  };
}
