import { describe, expect, it } from "vitest";
import { en, es, pt } from "./messages";

function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

function placeholders(messages: object): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (node: object, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === "object" && value !== null) walk(value, `${prefix}${key}.`);
      else out[`${prefix}${key}`] = [...String(value).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
    }
  };
  walk(messages, "");
  return out;
}

describe("portal translations", () => {
  const languages = { es, pt };
  it.each(Object.entries(languages))("%s has every key English has, and no other", (_name, messages) => {
    expect(keys(messages).sort()).toEqual(keys(en).sort());
  });

  it.each(Object.entries(languages))("%s keeps every interpolation variable", (_name, messages) => {
    const expected = placeholders(en);
    const actual = placeholders(messages);
    // Editor hints show literal {{1}} / {{name}} examples; only variables the code passes must match.
    for (const key of Object.keys(expected).filter((k) => !k.startsWith("editor."))) {
      expect(actual[key], key).toEqual(expected[key]);
    }
  });

  it("no message is empty", () => {
    const values = (node: object): unknown[] =>
      Object.values(node).flatMap((v) => (typeof v === "object" && v !== null ? values(v) : [v]));
    for (const messages of [en, es, pt]) {
      for (const value of values(messages))
        expect(typeof value === "string" && value.trim() !== "").toBe(true);
    }
  });
});
