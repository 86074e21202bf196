/**
 * Read receipts and typing indicators: `{status: "read", message_id, typing_indicator: {type: "text"}}`
 * shows "typing…" to the user until the business replies or `typingIndicator.expiryMs` (25 s) passes.
 */
import type { EmulatorContext } from "../context.ts";
import { GraphError } from "../graph-error.ts";
import type { PhoneState } from "../state.ts";

export function markRead(ctx: EmulatorContext, phone: PhoneState, body: Record<string, unknown>) {
  if (typeof body.message_id !== "string")
    throw new GraphError(131008, { details: "The parameter message_id is required." });
  const indicator = body.typing_indicator as { type?: unknown } | undefined;
  if (indicator === undefined) return { success: true };
  if (typeof indicator !== "object" || indicator === null || indicator.type !== "text")
    throw new GraphError(131009, { details: "Param typing_indicator['type'] must be text" });
  const inbound = ctx.state.inbound.findLast((m) => m.id === body.message_id && m.phoneNumberId === phone.id);
  if (!inbound) throw new GraphError(131009, { details: `Invalid message_id: ${body.message_id}` });
  ctx.state.typing.set(`${phone.id}:${inbound.from}`, {
    messageId: inbound.id,
    expiresAt: Date.now() + ctx.config.typingIndicator.expiryMs,
  });
  return { success: true };
}

/** A reply ends the indicator. */
export function stopTyping(ctx: EmulatorContext, phoneId: string, waId: string): void {
  ctx.state.typing.delete(`${phoneId}:${waId}`);
}

/** The indicators users see now (expired ones dropped). */
export function activeTyping(ctx: EmulatorContext, now = Date.now()) {
  const out: { phoneNumberId: string; waId: string; messageId: string; expiresAt: number }[] = [];
  for (const [key, t] of ctx.state.typing) {
    if (t.expiresAt <= now) {
      ctx.state.typing.delete(key);
      continue;
    }
    const [phoneNumberId = "", waId = ""] = key.split(":");
    out.push({ phoneNumberId, waId, ...t });
  }
  return out;
}
