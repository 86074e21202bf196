import type { PushLanguage } from "./schema.ts";

/** What a notice is about; the words are chosen per subscription, in the language its portal used. */
export type PushNotice = {
  userId: string;
  /** Where the notification opens the inbox. */
  url: string;
  /** Notifications with one tag replace each other (one per conversation). */
  tag: string;
} & (
  | { kind: "mentioned" /** The note that mentions them, shortened. */; text: string }
  | { kind: "assigned" /** The note left with the assignment, if any. */; text: string | null }
);

const words: Record<PushLanguage, { mentioned: string; assigned: string; openInbox: string }> = {
  en: {
    mentioned: "You were mentioned",
    assigned: "New conversation assigned to you",
    openInbox: "Open the inbox to answer",
  },
  es: {
    mentioned: "Te mencionaron",
    assigned: "Se te asignó una conversación nueva",
    openInbox: "Abre la bandeja de entrada para responder",
  },
  pt: {
    mentioned: "Você foi mencionado",
    assigned: "Nova conversa atribuída a você",
    openInbox: "Abra a caixa de entrada para responder",
  },
};

/** The payload the service worker (portal/public/sw.js) shows: title, body, url, tag. */
export function renderNotice(notice: PushNotice, language: PushLanguage) {
  const text = words[language] ?? words.en;
  const title = notice.kind === "mentioned" ? text.mentioned : text.assigned;
  const body = notice.kind === "mentioned" ? notice.text : (notice.text ?? text.openInbox);
  return { title, body, url: notice.url, tag: notice.tag };
}
