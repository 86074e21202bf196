/** The words of a message: its text, caption or title; null when it has none (an image alone, a location). */
export function messageText(type: string, content: Record<string, unknown>): string | null {
  const part = (content[type] ?? {}) as Record<string, unknown>;
  const nested = (value: unknown, ...path: string[]): unknown =>
    path.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], value);
  const candidates: unknown[] = [
    part.body,
    part.caption,
    part.text,
    part.emoji,
    part.name,
    nested(part, "button_reply", "title"),
    nested(part, "list_reply", "title"),
    nested(part, "body", "text"),
  ];
  return (
    candidates.find((value): value is string => typeof value === "string" && value.trim() !== "") ?? null
  );
}

/** A short text for a message in conversation lists: its text, caption or title, else its kind. */
export function messagePreview(type: string, content: Record<string, unknown>): string {
  const shown = messageText(type, content) ?? `[${type}]`;
  return shown.length > 120 ? `${shown.slice(0, 119)}…` : shown;
}
