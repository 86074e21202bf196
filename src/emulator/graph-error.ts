/** Graph API errors as the emulator throws them; the error handler turns them into Meta's bodies. */
import { graphErrorBody } from "../whatsapp/errors.ts";

export class GraphError extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(
    code: number,
    opts: { details?: string; subcode?: number; message?: string; type?: string } = {},
  ) {
    const r = graphErrorBody(code, opts);
    super(r.body.error.message);
    this.status = r.status;
    this.body = r.body;
  }
}

export const invalidParam = (details: string, message?: string) =>
  new GraphError(100, { details, message: message ?? `(#100) ${details}` });

export function unknownObject(id: string): GraphError {
  return new GraphError(100, {
    subcode: 33,
    message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    details: `Object with ID '${id}' does not exist`,
  });
}
