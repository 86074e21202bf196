import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import type { Config } from "../../config/config.ts";

const run = promisify(execFile);
/** Debian's pocketsphinx-en-us acoustic model, language model and dictionary. */
const POCKETSPHINX_MODEL = "/usr/share/pocketsphinx/model/en-us";
const TOOL_TIMEOUT_MS = 30_000;

type SpeechConfig = Pick<
  Config,
  | "BOTS_STT_PROVIDER"
  | "BOTS_STT_URL"
  | "BOTS_STT_MODEL"
  | "BOTS_STT_API_KEY"
  | "BOTS_LLM_URL"
  | "BOTS_LLM_MODEL"
>;

async function onPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return null;
}

async function exists(path: string) {
  return access(path).then(
    () => true,
    () => false,
  );
}

interface Tools {
  pocketsphinx: string | null;
  espeak: string | null;
  ffmpeg: string | null;
  opus: boolean;
  model: boolean;
}

let tools: Promise<Tools> | null = null;

/** The speech binaries installed on this machine (looked up once per process). */
function localTools(): Promise<Tools> {
  tools ??= (async () => {
    const [pocketsphinx, espeak, ffmpeg, model] = await Promise.all([
      onPath("pocketsphinx_continuous"),
      onPath("espeak-ng"),
      onPath("ffmpeg"),
      exists(join(POCKETSPHINX_MODEL, "en-us.lm.bin")),
    ]);
    const opus = ffmpeg
      ? await run(ffmpeg, ["-hide_banner", "-encoders"]).then(
          (out) => /\blibopus\b/.test(out.stdout),
          () => false,
        )
      : false;
    return { pocketsphinx, espeak, ffmpeg, opus, model };
  })();
  return tools;
}

/** Which speech providers this server can use: what the portal shows next to voice settings. */
export async function speechCapabilities(config: SpeechConfig) {
  const found = await localTools();
  const pocketsphinx = Boolean(found.pocketsphinx && found.model && found.ffmpeg);
  const openai = Boolean(config.BOTS_STT_URL);
  const chosen = config.BOTS_STT_PROVIDER;
  const transcriber =
    chosen === "off"
      ? null
      : chosen === "openai"
        ? openai
          ? "openai"
          : null
        : chosen === "pocketsphinx"
          ? pocketsphinx
            ? "pocketsphinx"
            : null
          : openai
            ? "openai"
            : pocketsphinx
              ? "pocketsphinx"
              : null;
  return {
    transcription: {
      provider: transcriber as "openai" | "pocketsphinx" | null,
      openai: { available: openai, model: openai ? config.BOTS_STT_MODEL : null },
      pocketsphinx: { available: pocketsphinx, languages: pocketsphinx ? ["en"] : [] },
    },
    synthesis: {
      provider: found.espeak && found.opus ? ("espeak-ng" as const) : null,
      espeakNg: Boolean(found.espeak),
      ffmpegOpus: found.opus,
    },
    llm: { available: Boolean(config.BOTS_LLM_URL && config.BOTS_LLM_MODEL) },
  };
}

async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "charla-voice-"));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

let dictionary: Promise<Set<string>> | null = null;

/** Words pocketsphinx can hear (a grammar word outside the dictionary makes it fail). */
function knownWords(): Promise<Set<string>> {
  dictionary ??= readFile(join(POCKETSPHINX_MODEL, "cmudict-en-us.dict"), "utf8").then(
    (text) => new Set(text.split("\n").map((line) => line.slice(0, line.indexOf(" ")))),
  );
  return dictionary;
}

/**
 * A JSGF grammar of the phrases the flow expects (its choices, keywords and the global commands):
 * pocketsphinx's general language model hears synthetic and noisy speech badly, a small grammar well.
 */
async function grammarOf(hints: string[]): Promise<string | null> {
  const words = await knownWords();
  const phrases = [
    ...new Set(
      hints
        .map((hint) =>
          hint
            .normalize("NFD")
            .replace(/\p{M}/gu, "")
            .toLowerCase()
            .replace(/[^a-z' ]+/g, " ")
            .trim()
            .replace(/\s+/g, " "),
        )
        .filter((hint) => hint?.split(" ").every((word) => words.has(word))),
    ),
  ];
  if (!phrases.length) return null;
  // One phrase per note: a sequence would let noise add words ("men agent") that no longer match.
  return `#JSGF V1.0;\ngrammar hints;\npublic <utterance> = ${phrases.join(" | ")};\n`;
}

async function pocketsphinx(audio: Buffer, hints: string[]): Promise<string> {
  const found = await localTools();
  return inTempDir(async (dir) => {
    await writeFile(join(dir, "in"), audio);
    // 16 kHz mono 16-bit PCM is what the en-us model was trained on.
    await run(
      found.ffmpeg!,
      [
        "-loglevel",
        "error",
        "-y",
        "-i",
        join(dir, "in"),
        "-ar",
        "16000",
        "-ac",
        "1",
        "-f",
        "s16le",
        join(dir, "audio.raw"),
      ],
      { timeout: TOOL_TIMEOUT_MS },
    );
    const grammar = await grammarOf(hints);
    if (grammar) await writeFile(join(dir, "hints.gram"), grammar);
    const { stdout } = await run(
      found.pocketsphinx!,
      [
        "-infile",
        join(dir, "audio.raw"),
        "-logfn",
        "/dev/null",
        ...(grammar ? ["-jsgf", join(dir, "hints.gram")] : []),
      ],
      { timeout: TOOL_TIMEOUT_MS },
    );
    return stdout
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .join(" ");
  });
}

async function openaiTranscription(
  config: SpeechConfig,
  audio: { data: Buffer; mimeType: string },
  hints: string[],
): Promise<string> {
  const form = new FormData();
  const extension = audio.mimeType.includes("ogg") ? "ogg" : (audio.mimeType.split("/")[1] ?? "bin");
  form.append("file", new Blob([new Uint8Array(audio.data)], { type: audio.mimeType }), `voice.${extension}`);
  form.append("model", config.BOTS_STT_MODEL);
  form.append("response_format", "json");
  if (hints.length) form.append("prompt", hints.join(", "));
  const response = await fetch(config.BOTS_STT_URL!, {
    method: "POST",
    headers: config.BOTS_STT_API_KEY ? { authorization: `Bearer ${config.BOTS_STT_API_KEY}` } : {},
    body: form,
    signal: AbortSignal.timeout(TOOL_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`Transcription endpoint answered ${response.status}`);
  const body = (await response.json()) as { text?: string };
  return body.text?.trim() ?? "";
}

/**
 * A voice note's words through the configured provider, `hints` being the phrases the flow expects
 * (a grammar for pocketsphinx, the prompt for an OpenAI-compatible endpoint). Null when no provider
 * is available or it failed: the flow then sees an empty message.
 */
export async function transcribe(
  config: SpeechConfig,
  audio: { data: Buffer; mimeType: string },
  hints: string[] = [],
): Promise<string | null> {
  const provider = (await speechCapabilities(config)).transcription.provider;
  try {
    if (provider === "openai") return await openaiTranscription(config, audio, hints);
    if (provider === "pocketsphinx") return await pocketsphinx(audio.data, hints);
  } catch {}
  return null;
}

/** Speaks `text` with espeak-ng and encodes it as OGG/Opus (what WhatsApp plays as a voice note); null when unavailable. */
export async function synthesize(text: string, voice = "en"): Promise<Buffer | null> {
  const found = await localTools();
  if (!found.espeak || !found.ffmpeg || !found.opus) return null;
  return inTempDir(async (dir) => {
    await writeFile(join(dir, "text.txt"), text);
    await run(
      found.espeak!,
      ["-v", voice, "-s", "150", "-f", join(dir, "text.txt"), "-w", join(dir, "speech.wav")],
      {
        timeout: TOOL_TIMEOUT_MS,
      },
    );
    await run(
      found.ffmpeg!,
      [
        ...["-loglevel", "error", "-y", "-i", join(dir, "speech.wav")],
        ...["-c:a", "libopus", "-b:a", "32k", "-ar", "48000", "-ac", "1", "-application", "voip"],
        join(dir, "voice.ogg"),
      ],
      { timeout: TOOL_TIMEOUT_MS },
    );
    return readFile(join(dir, "voice.ogg"));
  }).catch(() => null);
}
