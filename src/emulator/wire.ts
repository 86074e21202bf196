/**
 * Webhook bodies as Meta writes them: JSON with every non-ASCII character escaped as `\uXXXX`
 * (lowercase hex; characters beyond the BMP as their two UTF-16 surrogates). The signature is
 * computed over these exact bytes, so a receiver must verify the raw body, not a re-serialisation.
 */
const NON_ASCII = /[\u0080-\uffff]/g;

export function metaJson(payload: unknown): string {
  const json = JSON.stringify(payload);
  // As many UTF-8 bytes as characters: all ASCII already (most status webhooks), nothing to escape.
  if (Buffer.byteLength(json) === json.length) return json;
  return json.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
