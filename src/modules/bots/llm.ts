import type { Config } from "../../config/config.ts";
import type { NodeOf } from "./definition.ts";

type LlmConfig = Pick<Config, "BOTS_LLM_URL" | "BOTS_LLM_MODEL" | "BOTS_LLM_API_KEY">;
type ChatMessage = { role: "system" | "user"; content: string };

/** One chat completion from the configured OpenAI-compatible endpoint; null when off or on any failure. */
async function complete(config: LlmConfig, messages: ChatMessage[]): Promise<string | null> {
  if (!config.BOTS_LLM_URL || !config.BOTS_LLM_MODEL) return null;
  try {
    const response = await fetch(config.BOTS_LLM_URL, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(config.BOTS_LLM_API_KEY ? { authorization: `Bearer ${config.BOTS_LLM_API_KEY}` } : {}),
      },
      body: JSON.stringify({ model: config.BOTS_LLM_MODEL, temperature: 0, messages }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { choices?: { message?: { content?: string } }[] };
    return body.choices?.[0]?.message?.content?.trim() ?? null;
  } catch {
    return null;
  }
}

/**
 * Intent classification through any OpenAI-compatible chat-completions endpoint
 * (BOTS_LLM_URL and BOTS_LLM_MODEL; off when unset): the model answers with one intent name.
 * Any failure is null, so the flow takes its "fallback" edge instead of stalling.
 */
export async function classifyIntent(
  config: LlmConfig,
  text: string,
  intents: NodeOf<"classify">["intents"],
): Promise<string | null> {
  if (!text) return null;
  const list = intents.map((intent) => `- ${intent.name}: ${intent.description}`).join("\n");
  const answer = (
    await complete(config, [
      {
        role: "system",
        content: `Classify the customer's message into one of these intents. Answer with the intent name only, or "none".\n${list}`,
      },
      { role: "user", content: text },
    ])
  )?.toLowerCase();
  if (!answer) return null;
  return intents.find((intent) => answer.includes(intent.name.toLowerCase()))?.name ?? null;
}

/** Says the model found no answer in the documents: the flow then takes "fallback". */
const NO_ANSWER = "NO_ANSWER";

/**
 * An answer to the customer's question from the knowledge base's retrieved chunks (given to the
 * model in the system prompt); null when nothing was retrieved, the model is off, or it had no answer.
 */
export async function answerFromKnowledge(
  config: LlmConfig,
  question: string,
  chunks: { title: string; content: string }[],
  instructions?: string | undefined,
): Promise<string | null> {
  if (!question || !chunks.length) return null;
  const context = chunks
    .map((chunk, index) => `[${index + 1}] ${chunk.title}\n${chunk.content}`)
    .join("\n\n");
  const answer = await complete(config, [
    {
      role: "system",
      content: [
        "You answer a business's customers on WhatsApp, briefly, in the customer's language, using only these documents.",
        `If they do not answer the question, reply exactly ${NO_ANSWER}.`,
        instructions ?? "",
        `Documents:\n${context}`,
      ]
        .filter(Boolean)
        .join("\n"),
    },
    { role: "user", content: question },
  ]);
  return answer && !answer.includes(NO_ANSWER) ? answer.slice(0, 4096) : null;
}
