import type { Config } from "../../config/config.ts";
import type { NodeOf } from "./definition.ts";

/**
 * Intent classification through any OpenAI-compatible chat-completions endpoint
 * (BOTS_LLM_URL and BOTS_LLM_MODEL; off when unset): the model answers with one intent name.
 * Any failure is null, so the flow takes its "fallback" edge instead of stalling.
 */
export async function classifyIntent(
  config: Pick<Config, "BOTS_LLM_URL" | "BOTS_LLM_MODEL" | "BOTS_LLM_API_KEY">,
  text: string,
  intents: NodeOf<"classify">["intents"],
): Promise<string | null> {
  if (!config.BOTS_LLM_URL || !config.BOTS_LLM_MODEL || !text) return null;
  const list = intents.map((intent) => `- ${intent.name}: ${intent.description}`).join("\n");
  try {
    const response = await fetch(config.BOTS_LLM_URL, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(config.BOTS_LLM_API_KEY ? { authorization: `Bearer ${config.BOTS_LLM_API_KEY}` } : {}),
      },
      body: JSON.stringify({
        model: config.BOTS_LLM_MODEL,
        temperature: 0,
        messages: [
          {
            role: "system",
            content: `Classify the customer's message into one of these intents. Answer with the intent name only, or "none".\n${list}`,
          },
          { role: "user", content: text },
        ],
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const body = (await response.json()) as { choices?: { message?: { content?: string } }[] };
    const answer = body.choices?.[0]?.message?.content?.trim().toLowerCase() ?? "";
    return intents.find((intent) => answer.includes(intent.name.toLowerCase()))?.name ?? null;
  } catch {
    return null;
  }
}
