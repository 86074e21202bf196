/**
 * Remembers a pure function's results by string key, up to `max` of them (then forgets them all,
 * and the keys in use come back at once). For the per-message derivations that cost a hash or a
 * phone-number parse, under load the same few users over and over.
 */
export function memoize<T>(compute: (key: string) => T, max = 100_000): (key: string) => T {
  const known = new Map<string, T>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined && !known.has(key)) {
      if (known.size >= max) known.clear();
      value = compute(key);
      known.set(key, value);
    }
    return value as T;
  };
}
