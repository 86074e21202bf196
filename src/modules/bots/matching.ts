import { distance } from "fastest-levenshtein";

/** Lower case, without accents (á -> a, ç -> c, ñ -> n) and punctuation, single-spaced. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Typos forgiven: none for short words (hola/hora collide), one from 5 letters, two from 9. */
function allowedEdits(word: string): number {
  if (word.length >= 9) return 2;
  return word.length >= 5 ? 1 : 0;
}

/**
 * Whether the message contains the keyword (one or more words) as whole words, ignoring accents
 * and case, each word allowed a small edit distance: "preçio", "Precio" and "presio" all match "precio".
 */
export function matchesKeyword(message: string, keyword: string): boolean {
  const words = normalize(message).split(" ");
  const wanted = normalize(keyword).split(" ").filter(Boolean);
  if (wanted.length === 0) return false;
  for (let at = 0; at + wanted.length <= words.length; at++)
    if (wanted.every((word, i) => distance(words[at + i]!, word) <= allowedEdits(word))) return true;
  return false;
}

/** The first of `keywords` the message matches, if any. */
export const findKeyword = (message: string, keywords: readonly string[]) =>
  keywords.find((keyword) => matchesKeyword(message, keyword));

/**
 * A wildcard pattern over the whole normalized message ("pedido *"): * is any text. Matched by the
 * classic two-pointer walk, linear in practice and never the backtracking a user-written regex risks.
 */
export function matchesPattern(message: string, pattern: string): boolean {
  const text = normalize(message);
  const parts = pattern.split("*").map(normalize);
  const glob = parts.join("*");
  let t = 0;
  let p = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < glob.length && glob[p] === text[t]) {
      t++;
      p++;
    } else if (p < glob.length && glob[p] === "*") {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (glob[p] === "*") p++;
  return p === glob.length;
}

export type GlobalCommand = "menu" | "agent" | "stop";

/** Words that work anywhere in a flow, in es, en and pt. */
const commandWords: Record<GlobalCommand, string[]> = {
  menu: ["menu", "menú", "inicio", "início", "start", "volver", "voltar"],
  agent: ["agente", "agent", "humano", "human", "asesor", "atendente", "operador", "persona"],
  stop: ["stop", "parar", "salir", "sair", "cancelar", "cancel", "detener"],
};

/** Every global command word (the phrases a voice note may say anywhere in a flow). */
export const GLOBAL_COMMAND_WORDS = Object.values(commandWords).flat();

/** A message that is just a global command ("Menú", "AGENTE", "sair"), with typos forgiven. */
export function globalCommand(message: string): GlobalCommand | null {
  const words = normalize(message).split(" ").filter(Boolean);
  if (words.length !== 1) return null;
  for (const [command, list] of Object.entries(commandWords) as [GlobalCommand, string[]][])
    if (list.some((word) => matchesKeyword(words[0]!, word))) return command;
  return null;
}
