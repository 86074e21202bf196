import type { Services } from "../../app/services.ts";
import type { Tx } from "../../db/client.ts";
import { emit } from "../../events/index.ts";
import type { InboundMessageEvent } from "../../whatsapp/types.ts";
import { type Contact, isOptedOut, recordConsent } from "../contacts/index.ts";
import type { PhoneNumberRow } from "../numbers/index.ts";
import { queueOutbound } from "./send.ts";

/** Upper case, no accents, no punctuation: "Baja." and "baja" are the same keyword. */
export function normalizeKeyword(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()
    .toUpperCase();
}

const confirmations: Record<"en" | "es" | "pt", string> = {
  en: "You will no longer receive messages from us. Reply START to subscribe again.",
  es: "Ya no recibirás mensajes nuestros. Responde ALTA para volver a suscribirte.",
  pt: "Você não receberá mais mensagens nossas. Responda VOLTAR para se inscrever novamente.",
};
const keywordLanguage: Record<string, keyof typeof confirmations> = {
  BAJA: "es",
  CANCELAR: "es",
  "CANCELAR SUSCRIPCION": "es",
  SAIR: "pt",
  PARAR: "pt",
};

function inboundText(event: InboundMessageEvent): string | null {
  const { content } = event;
  if (content.kind === "text") return content.body;
  if (content.kind === "button") return content.text || content.payload;
  if (content.kind === "button_reply" || content.kind === "list_reply") return content.title;
  return null;
}

/**
 * STOP / BAJA / SAIR (configurable) opt the contact out. The confirmation is sent once: a contact
 * who is already opted out and repeats the keyword gets nothing more. Returns the contact as it now is.
 */
export async function handleOptOutKeyword(
  tx: Tx,
  services: Pick<Services, "boss" | "config">,
  contact: Contact,
  number: PhoneNumberRow,
  event: InboundMessageEvent,
): Promise<Contact> {
  const text = inboundText(event);
  if (!text) return contact;
  const keyword = normalizeKeyword(text);
  const keywords = services.config.OPT_OUT_KEYWORDS.map(normalizeKeyword);
  if (!keywords.includes(keyword) || isOptedOut(contact)) return contact;
  const updated = await recordConsent(tx, contact, "opt_out", "keyword", { keyword, wamid: event.id });
  await emit(
    { boss: services.boss, tx },
    {
      tenantId: contact.tenantId,
      type: "contact.opted_out",
      data: {
        contactId: contact.id,
        phone: contact.phone,
        userId: contact.userId,
        source: "keyword",
        keyword,
        at: updated.optedOutAt,
      },
    },
  );
  await queueOutbound(tx, services, {
    tenantId: contact.tenantId,
    phoneNumberId: number.id,
    contactId: contact.id,
    type: "text",
    content: { type: "text", text: { body: confirmations[keywordLanguage[keyword] ?? "en"] } },
    category: "service",
    replyToWamid: event.id,
  });
  return updated;
}
