/**
 * Structural comparison with the examples of Meta's description: every field an example shows is
 * present in the emulator's value with the same JSON type (arrays: each item against the example
 * item of the same `type`, else the first). Fields the emulator adds are allowed; values may differ.
 * `ignore` holds paths (`*` for any index) the test explains.
 */
const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);
const typeOf = (v: unknown) =>
  v !== null && typeof v === "object" ? (v as { type?: unknown }).type : undefined;

/** Whether a path matches one of the patterns (`*` for one segment). */
export const matchesAny = (path: string, patterns: readonly string[]) =>
  patterns.some((p) => new RegExp(`^${p.replace(/\*/g, "[^/]+")}$`).test(path));

export function shapeDiff(
  example: unknown,
  actual: unknown,
  path = "",
  ignore: readonly string[] = [],
): string[] {
  if (matchesAny(path, ignore)) return [];
  if (kind(example) !== kind(actual))
    return [`${path || "/"}: ${kind(actual)} where Meta's example has ${kind(example)}`];
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length === 0) return [];
    if (actual.length === 0) return [`${path}: empty where Meta's example has items`];
    return actual.flatMap((item, i) => {
      const twin = example.find((e) => typeOf(e) !== undefined && typeOf(e) === typeOf(item)) ?? example[0];
      return shapeDiff(twin, item, `${path}/${i}`, ignore);
    });
  }
  if (kind(example) === "object") {
    const a = actual as Record<string, unknown>;
    return Object.entries(example as Record<string, unknown>).flatMap(([k, v]) =>
      matchesAny(`${path}/${k}`, ignore)
        ? []
        : k in a
          ? shapeDiff(v, a[k], `${path}/${k}`, ignore)
          : [`${path}/${k}: missing`],
    );
  }
  return [];
}
