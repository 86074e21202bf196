/**
 * Webhook bodies as Meta writes them: JSON with every non-ASCII character escaped as `\uXXXX`
 * (lowercase hex; characters beyond the BMP as their two UTF-16 surrogates). The signature is
 * computed over these exact bytes, so a receiver must verify the raw body, not a re-serialisation.
 */
const NON_ASCII = /[\u0080-\uffff]/g;

export function metaJson(payload: unknown): string {
  return JSON.stringify(payload).replace(
    NON_ASCII,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
