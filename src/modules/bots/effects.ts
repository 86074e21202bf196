import type { Services } from "../../app/services.ts";
import type { SendMessageInput } from "../messages/index.ts";
import { checkWebhookUrl } from "../webhooks/index.ts";
import type { BotMessage } from "./definition.ts";
import type { BotEffects } from "./engine.ts";
import { searchKnowledge } from "./knowledge.ts";
import { answerFromKnowledge, classifyIntent } from "./llm.ts";

type Body = SendMessageInput extends infer Kind
  ? Kind extends SendMessageInput
    ? Omit<Kind, "to" | "from" | "replyTo">
    : never
  : never;

/** A bot message as POST /v1/messages takes it. */
export function messageBody(message: BotMessage): Body {
  switch (message.kind) {
    case "text":
      return { type: "text", text: { body: message.text } };
    case "media":
      return {
        type: message.mediaType,
        [message.mediaType]: { link: message.link, ...(message.caption ? { caption: message.caption } : {}) },
      } as Body;
    case "buttons":
      return {
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: message.text },
          action: { buttons: message.buttons.map((reply) => ({ type: "reply" as const, reply })) },
        },
      };
    case "list":
      return {
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: message.text },
          action: { button: message.button, sections: [{ rows: message.rows }] },
        },
      };
    case "template":
      return {
        type: "template",
        template: {
          name: message.name,
          language: message.language,
          ...(message.parameters ? { parameters: message.parameters } : {}),
        },
      };
  }
}

/** What a step asked for, applied after the engine ran (real runtime) or returned (simulator). */
export interface RecordedEffects {
  sent: BotMessage[];
  contactAttributes: Record<string, string>;
  handover: { teamId?: string | undefined; assigneeId?: string | undefined; note: string } | null;
}

/** Effects that record what the flow does; the runtime then performs it, the simulator shows it. */
export function recordingEffects(
  services: Pick<Services, "config" | "database">,
  options: { tenantId: string; now?: () => Date },
) {
  const now = options.now ?? (() => new Date());
  const recorded: RecordedEffects = { sent: [], contactAttributes: {}, handover: null };
  const effects: BotEffects = {
    send: async (message) => {
      recorded.sent.push(message);
    },
    saveContactAttribute: async (name, value) => {
      recorded.contactAttributes[name] = value;
    },
    handover: async (target, note) => {
      recorded.handover = { ...target, note };
    },
    classify: (text, intents) => classifyIntent(services.config, text, intents),
    answer: async (question, instructions) =>
      answerFromKnowledge(
        services.config,
        question,
        await searchKnowledge(services.database.db, options.tenantId, question),
        instructions,
      ),
    checkUrl: async (url) => {
      await checkWebhookUrl(url, services.config.WEBHOOKS_ALLOW_PRIVATE ?? services.config.SANDBOX);
    },
    now,
  };
  return { effects, recorded };
}
