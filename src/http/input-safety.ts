import type { FastifyInstance, FastifyRequest } from "fastify";
import { AppError } from "../lib/problem.ts";

/**
 * Input PostgreSQL cannot store, and input too large to be anything but an attack, found by one walk
 * over a parsed body or query before any route sees it: NUL characters (text and jsonb refuse them),
 * unpaired UTF-16 surrogates (not UTF-8; jsonb refuses their escapes), nesting deeper than any
 * request needs (deep jsonb exhausts the server's stack), and strings longer than the longest field
 * Meta accepts (a text message, 4096 characters) with room to spare. Route schemas set each field's
 * own, smaller maximum; this is the floor under all of them, object keys included.
 */
export const INPUT_LIMITS = {
  maxDepth: 32,
  maxStringLength: 8_192,
  /** Keys, array items and characters walked before a request is refused as too big. */
  maxNodes: 100_000,
} as const;

export type UnsafeInputCode = "unstorable_text" | "nesting_too_deep" | "string_too_long" | "input_too_large";

export interface UnsafeInput {
  path: string;
  code: UnsafeInputCode;
  message: string;
}

// A NUL, or a surrogate half without its partner (a pair is one code point under /u).
const NUL = "\u0000";

function textProblem(text: string, maxLength: number): Omit<UnsafeInput, "path"> | undefined {
  if (text.length > maxLength)
    return { code: "string_too_long", message: `Longer than ${maxLength} characters` };
  if (text.includes(NUL)) return { code: "unstorable_text", message: "Contains a NUL character (\\u0000)" };
  if (!text.isWellFormed())
    return { code: "unstorable_text", message: "Contains an unpaired UTF-16 surrogate" };
  return undefined;
}

/** The first part of `value` that cannot be stored, with its dotted path under `root`; undefined when all is well. */
export function findUnsafeInput(
  value: unknown,
  root: string,
  limits: { maxDepth?: number; maxStringLength?: number } = {},
): UnsafeInput | undefined {
  const maxDepth = limits.maxDepth ?? INPUT_LIMITS.maxDepth;
  const maxStringLength = limits.maxStringLength ?? INPUT_LIMITS.maxStringLength;
  let nodes = 0;
  // Iterative, so a hostile depth cannot overflow this process's stack either.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value: node, path, depth } = stack.pop()!;
    if (++nodes > INPUT_LIMITS.maxNodes)
      return { path: root, code: "input_too_large", message: "Has too many values" };
    if (typeof node === "string") {
      const found = textProblem(node, maxStringLength);
      if (found) return { path, ...found };
      continue;
    }
    if (node === null || typeof node !== "object") continue;
    if (depth >= maxDepth)
      return { path, code: "nesting_too_deep", message: `Nested deeper than ${maxDepth} levels` };
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--)
        stack.push({ value: node[i], path: `${path}.${i}`, depth: depth + 1 });
      continue;
    }
    if (Buffer.isBuffer(node)) continue;
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const keyProblem = textProblem(key, maxStringLength);
      if (keyProblem)
        return { path: `${path}.${safeKey(key)}`, ...keyProblem, message: `Key: ${keyProblem.message}` };
      stack.push({ value: (node as Record<string, unknown>)[key], path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return undefined;
}

/** A key fit to be echoed in an error: bounded, and without the characters that made it unsafe. */
function safeKey(key: string): string {
  return key.slice(0, 64).replaceAll(NUL, "\\u0000").toWellFormed();
}

export function unsafeInputError(found: UnsafeInput): AppError {
  const detail =
    found.code === "string_too_long" || found.code === "input_too_large"
      ? `${found.path} is too large: ${found.message.toLowerCase()}`
      : `${found.path} cannot be stored: ${found.message.toLowerCase()}`;
  return new AppError(400, found.code, detail, {
    errors: [{ path: found.path, code: found.code, message: found.message }],
  });
}

/** Refuses a request whose query, path parameters or parsed body hold input Charla cannot store (400). */
export function installInputSafety(app: FastifyInstance): void {
  app.addHook("preValidation", async (request: FastifyRequest) => {
    for (const [root, value] of [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ] as const) {
      const found = findUnsafeInput(value, root);
      if (found) throw unsafeInputError(found);
    }
  });
}
