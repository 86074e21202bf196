import { createHmac } from "node:crypto";
import { z } from "zod";
import type { BotMessage, NodeOf } from "./definition.ts";
import { findKeyword, normalize } from "./matching.ts";

/** Fills {{attribute}} placeholders (unknown ones become empty). */
export function render(template: string, attributes: Record<string, string>): string {
  return template.replace(
    /\{\{\s*([A-Za-z][A-Za-z0-9_.-]{0,63})\s*\}\}/g,
    (_, name: string) => attributes[name] ?? "",
  );
}

/** The question as WhatsApp shows it: reply buttons up to 3 choices, a list up to 10, else text. */
export function promptMessage(node: NodeOf<"ask">, attributes: Record<string, string>): BotMessage {
  const text = render(node.prompt, attributes);
  const choices = node.input === "choice" ? (node.choices ?? []) : [];
  if (choices.length === 0) return { kind: "text", text };
  if (choices.length <= 3)
    return {
      kind: "buttons",
      text,
      buttons: choices.map((choice) => ({ id: choice.id, title: choice.title })),
    };
  return {
    kind: "list",
    text,
    button: "Opciones",
    rows: choices.map((choice) => ({ id: choice.id, title: choice.title })),
  };
}

function isoDate(answer: string): string | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(answer);
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(answer);
  const [year, month, day] = iso
    ? [iso[1], iso[2], iso[3]]
    : local
      ? [local[3], local[2], local[1]]
      : [undefined, undefined, undefined];
  if (!year) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const value = date.toISOString().slice(0, 10);
  // 31/02/2026 rolls over to March: refuse it rather than store another day.
  return date.getUTCDate() === Number(day) && date.getUTCMonth() === Number(month) - 1 ? value : null;
}

/**
 * The answer to a question, normalized for storage, or null when it is not valid: numbers accept a
 * decimal comma, dates YYYY-MM-DD or DD/MM/YYYY (es, pt), choices a reply id, a title, a keyword or the position.
 */
export function acceptAnswer(node: NodeOf<"ask">, input: { text: string; replyId?: string | undefined }) {
  const answer = input.text.trim();
  switch (node.input) {
    case "text":
      return answer ? { value: answer } : null;
    case "number":
      return /^-?\d+([.,]\d+)?$/.test(answer) ? { value: answer.replace(",", ".") } : null;
    case "email":
      return z.email().safeParse(answer).success ? { value: answer.toLowerCase() } : null;
    case "date": {
      const value = isoDate(answer);
      return value ? { value } : null;
    }
    case "choice": {
      const choices = node.choices ?? [];
      const picked =
        choices.find((choice) => choice.id === input.replyId) ??
        choices[Number(normalize(answer)) - 1] ??
        choices.find((choice) => findKeyword(answer, [choice.title, ...(choice.keywords ?? [])]));
      return picked ? { value: picked.id, branch: picked.id } : null;
    }
  }
}

function localClock(at: Date, timezone: string) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(part("weekday")) + 1;
  return { weekday, time: `${part("hour")}:${part("minute")}` };
}

type Rule = NodeOf<"condition">["rules"][number];

/** One condition rule: an attribute comparison (numeric when both sides are numbers) or a time window. */
export function ruleHolds(rule: Rule, attributes: Record<string, string>, now: Date): boolean {
  if (rule.kind === "time") {
    let clock: ReturnType<typeof localClock>;
    try {
      clock = localClock(now, rule.timezone);
    } catch {
      return false;
    }
    if (rule.weekdays && !rule.weekdays.includes(clock.weekday)) return false;
    return rule.from <= rule.to
      ? clock.time >= rule.from && clock.time < rule.to
      : clock.time >= rule.from || clock.time < rule.to;
  }
  const actual = attributes[rule.attribute];
  if (rule.op === "exists") return actual !== undefined && actual !== "";
  if (actual === undefined) return rule.op === "neq";
  const expected = String(rule.value ?? "");
  const numeric =
    actual !== "" && expected !== "" && !Number.isNaN(Number(actual)) && !Number.isNaN(Number(expected));
  const [a, b] = numeric ? [Number(actual), Number(expected)] : [normalize(actual), normalize(expected)];
  switch (rule.op) {
    case "eq":
      return a === b;
    case "neq":
      return a !== b;
    case "contains":
      return String(a).includes(String(b));
    case "gt":
      return a > b;
    case "gte":
      return a >= b;
    case "lt":
      return a < b;
    case "lte":
      return a <= b;
  }
}

function pick(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split(".")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Calls the node's endpoint: JSON body (signed with HMAC-SHA256 over "timestamp.body" when the node
 * has a secret), a hard timeout, and the JSON answer mapped into attributes. Any failure is "error".
 */
export async function callEndpoint(
  node: NodeOf<"http">,
  attributes: Record<string, string>,
  effects: { now(): Date; checkUrl(url: string): Promise<void> },
) {
  const now = effects.now();
  const body =
    node.method === "POST"
      ? JSON.stringify(
          node.body
            ? Object.fromEntries(
                Object.entries(node.body).map(([key, value]) => [key, render(value, attributes)]),
              )
            : attributes,
        )
      : undefined;
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const headers: Record<string, string> = { accept: "application/json", "x-charla-timestamp": timestamp };
  if (body) headers["content-type"] = "application/json";
  if (node.secret)
    headers["x-charla-signature"] = `sha256=${createHmac("sha256", node.secret)
      .update(`${timestamp}.${body ?? ""}`)
      .digest("hex")}`;
  try {
    const url = render(node.url, attributes);
    await effects.checkUrl(url);
    const response = await fetch(url, {
      method: node.method,
      headers,
      ...(body ? { body } : {}),
      signal: AbortSignal.timeout(node.timeoutMs),
      redirect: "error",
    });
    if (!response.ok) return { branch: "error" as const, attributes: {} };
    const json: unknown = await response.json();
    const mapped: Record<string, string> = {};
    for (const [attribute, path] of Object.entries(node.map)) {
      const value = pick(json, path);
      if (value !== undefined && value !== null)
        mapped[attribute] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { branch: "ok" as const, attributes: mapped };
  } catch {
    return { branch: "error" as const, attributes: {} };
  }
}
