/** Graph API errors as the emulator throws them; the error handler turns them into Meta's bodies. */
import { graphErrorBody } from "../whatsapp/errors.ts";

export interface GraphErrorOptions {
  details?: string;
  subcode?: number;
  message?: string;
  type?: string;
  /** Meta sends `error_data` with WhatsApp's own errors, not with Graph's generic ones. Default true. */
  errorData?: boolean;
}

export class GraphError extends Error {
  readonly status: number;
  readonly body: { error: Record<string, unknown> };
  /** Set for "no such object": the error handler names the request's method in the message. */
  objectId: string | undefined;
  constructor(code: number, opts: GraphErrorOptions = {}) {
    const { errorData = true, ...rest } = opts;
    const r = graphErrorBody(code, rest);
    super(r.body.error.message);
    this.status = r.status;
    const error: Record<string, unknown> = { ...r.body.error };
    if (!errorData) delete error.error_data;
    this.body = { error };
  }
}

export const invalidParam = (details: string, message?: string) =>
  new GraphError(100, { details, message: message ?? `(#100) ${details}` });

/** Meta's answer for an id that is no object (or not one this method applies to). */
export function unknownObject(id: string, method = "get"): GraphError {
  const error = new GraphError(100, {
    subcode: 33,
    type: "GraphMethodException",
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    errorData: false,
  });
  error.objectId = id;
  return error;
}

/** A path Graph cannot route (a version it does not serve, or nonsense): code 2500. */
export function unknownPath(path: string): GraphError {
  return new GraphError(2500, {
    message: `Unknown path components: ${path}`,
    errorData: false,
  });
}
