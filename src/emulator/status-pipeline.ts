/** The status webhooks that follow an accepted message: sent, delivered, read, or failed. */
import { createHash } from "node:crypto";
import { webhookErrorFor } from "../whatsapp/errors.ts";
import { type EmulatorContext, envelope, metadata, nowSec } from "./context.ts";
import { memoize } from "./memo.ts";
import { neverReads } from "./recipients.ts";
import type { PricingObject } from "./rules/pricing.ts";
import type { PhoneState, SentMessage } from "./state.ts";

/** The conversation id of a number, user and category (a hash: remembered). */
const conversationId = memoize((key: string) => createHash("sha1").update(key).digest("hex").slice(0, 32));

export function schedulePipeline(
  ctx: EmulatorContext,
  phone: PhoneState,
  msg: SentMessage,
  pricing: PricingObject,
  failCode?: number,
) {
  const d = ctx.config.statusDelaysMs;
  // Due times count from acceptance, so a pipeline resumed after a restart keeps its original times.
  const after = (ms: number) => Math.max(0, msg.acceptedAt + ms - Date.now());
  const push = (status: "sent" | "delivered" | "read" | "failed", extra: Record<string, unknown>) => {
    // Never twice (a pipeline resumed after a restart skips what was already sent).
    if (msg.status === "failed" || msg.statuses.some((s) => s.status === status)) return;
    msg.status = status;
    const ts = nowSec();
    msg.statuses.push({ status, timestamp: ts, errorCode: failCode });
    const s: Record<string, unknown> = { id: msg.id, status, timestamp: String(ts) };
    // Sent to a BSUID: no phone number; the BSUID always, but a failed status to a phone lacks it.
    if (!msg.sentToUserId) s.recipient_id = msg.waId;
    if (msg.userId && (status !== "failed" || msg.sentToUserId)) s.recipient_user_id = msg.userId;
    Object.assign(s, extra);
    const cb = msg.body.biz_opaque_callback_data;
    if (typeof cb === "string") s.biz_opaque_callback_data = cb;
    ctx.webhooks.send(
      envelope(phone.wabaId, "messages", {
        messaging_product: "whatsapp",
        metadata: metadata(phone),
        statuses: [s],
      }),
    );
  };
  if (failCode !== undefined) {
    msg.errorCode = failCode;
    ctx.state.stats.failedAsync++;
    ctx.later(after(d.sent), () => push("failed", { errors: [webhookErrorFor(failCode)] }));
    return;
  }
  msg.pricing = pricing;
  const { category } = pricing;
  const conversation = {
    id: conversationId(`${phone.id}:${msg.waId}:${category}`),
    expiration_timestamp: String(nowSec() + 24 * 3600),
    origin: { type: category },
  };
  ctx.later(after(d.sent), () => push("sent", { conversation, pricing }));
  ctx.later(after(Math.max(d.delivered, d.sent)), () => push("delivered", { conversation, pricing }));
  if (d.read !== null && !neverReads(ctx.config, msg.waId)) {
    ctx.later(after(Math.max(d.read, d.delivered, d.sent)), () => push("read", {}));
  }
}
