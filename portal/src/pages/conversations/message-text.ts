import type { TFunction } from "i18next";

/** Meta's error codes the inbox explains in words (Cloud API error codes); others show Meta's own text. */
const KNOWN_ERRORS = new Set([
  0, 470, 130429, 130472, 131000, 131005, 131008, 131009, 131021, 131026, 131031, 131042, 131047, 131048,
  131049, 131050, 131051, 131052, 131053, 131056, 131057, 132000, 132001, 132012, 132015, 132016, 133010,
]);

export function metaErrorText(
  t: TFunction,
  error: { code: number; title?: string; message?: string; details?: string } | null | undefined,
): string {
  if (!error) return t("inbox.errors.unknown");
  if (KNOWN_ERRORS.has(error.code)) return t(`inbox.errors.${error.code}`);
  const meta = error.details || error.message || error.title;
  return meta ? t("inbox.errors.meta", { code: error.code, text: meta }) : t("inbox.errors.unknown");
}

/** A readable text for any message type: its text, caption, template name or kind. */
export function messageText(type: string, content: Record<string, unknown> | undefined): string {
  const part = (content?.[type] ?? {}) as Record<string, unknown>;
  const interactive = part as { body?: { text?: unknown }; button_reply?: { title?: unknown } };
  const reply = (part as { list_reply?: { title?: unknown } }).list_reply?.title;
  const candidates = [
    part.body,
    part.text,
    part.caption,
    part.filename,
    part.name,
    interactive.body?.text,
    interactive.button_reply?.title,
    reply,
  ];
  const body = candidates.find((value): value is string => typeof value === "string" && value !== "");
  return body ?? "";
}

/** Charla's stored copy of an inbound message's media (GET /v1/media/{id}), if any. */
export function storedMediaId(content: Record<string, unknown> | undefined): string | null {
  const id = content?.charla_media_id;
  return typeof id === "string" ? id : null;
}

/** The wamid a message answers: Meta's context for inbound ones, replyToWamid for ours. */
export function repliedWamid(content: Record<string, unknown> | undefined, replyToWamid?: string | null) {
  const context = content?.context as { id?: unknown } | undefined;
  return replyToWamid ?? (typeof context?.id === "string" ? context.id : null);
}
