import type { Services } from "../../app/services.ts";
import { accountToken, numbersByIds } from "../numbers/index.ts";
import type { FlowDefinition } from "./definition.ts";
import type { RunState } from "./engine.ts";
import { GLOBAL_COMMAND_WORDS } from "./matching.ts";
import { synthesize, transcribe } from "./voice.ts";

/** The Cloud API client of a Charla number (its account's token). */
async function numberClient(services: Services, phoneNumberId: string) {
  const number = (await numbersByIds(services.database.db, [phoneNumberId])).get(phoneNumberId);
  if (!number) return null;
  const { accessToken } = await accountToken(services, number.accountId);
  return { client: services.graph.client(accessToken), metaId: number.phoneNumberId };
}

/**
 * The phrases a voice note probably says: the global commands, and the choices (titles and
 * keywords) of the question the session waits at, or the flows' trigger keywords before one starts.
 */
export function expectedPhrases(
  definition: FlowDefinition | null,
  state: RunState | null,
  triggerKeywords: string[],
): string[] {
  const node = definition?.nodes.find((candidate) => candidate.id === state?.nodeId);
  const choices =
    node?.type === "ask" && state?.waiting
      ? (node.choices ?? []).flatMap((choice) => [choice.title, choice.id, ...(choice.keywords ?? [])])
      : state
        ? []
        : triggerKeywords;
  return [...GLOBAL_COMMAND_WORDS, ...choices];
}

/** Downloads a customer's voice note (media id -> URL -> bytes, as Meta serves it) and transcribes it. */
export async function transcribeVoiceNote(
  services: Services,
  phoneNumberId: string,
  mediaId: string,
  hints: string[],
): Promise<string> {
  const number = await numberClient(services, phoneNumberId);
  if (!number) return "";
  const file = await number.client.downloadMedia(mediaId);
  return (await transcribe(services.config, { data: file.data, mimeType: file.mimeType }, hints)) ?? "";
}

/** Speaks a reply, uploads it through the Cloud API media endpoint, and returns the media id (null: no voice). */
export async function uploadVoiceReply(
  services: Services,
  phoneNumberId: string,
  text: string,
  voice: string,
): Promise<string | null> {
  const audio = await synthesize(text, voice);
  const number = audio ? await numberClient(services, phoneNumberId) : null;
  if (!audio || !number) return null;
  const uploaded = await number.client.uploadMedia(number.metaId, {
    file: audio,
    mimeType: "audio/ogg",
    filename: "reply.ogg",
  });
  return uploaded.id;
}
