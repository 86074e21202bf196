import type { QueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { paths } from "../../api/schema";

type Ok<T> = T extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;

export type Conversation = Ok<paths["/v1/conversations/{id}"]["get"]>;
export type Message = Ok<paths["/v1/messages"]["get"]>["data"][number];
export type MessagePage = Ok<paths["/v1/messages"]["get"]>;
export type Agent = Ok<paths["/v1/agents"]["get"]>["data"][number];
export type Team = Ok<paths["/v1/teams"]["get"]>["data"][number];
export type Note = Ok<paths["/v1/conversations/{id}/notes"]["get"]>["data"][number];
export type Composer = Ok<paths["/v1/conversations/{id}/composer"]["get"]>;
export type ApprovedTemplate = Composer["templates"][number];
export type ContactPanelData = Ok<paths["/v1/conversations/{id}/contact-panel"]["get"]>;
export type ConversationStatus = Conversation["status"];
export type Availability = Agent["availability"];

/** What a message carries beyond the typed fields (the API's objects are open). */
export interface MessageExtras {
  content?: Record<string, unknown>;
  error?: { code: number; title?: string; message?: string; details?: string } | null;
  replyToWamid?: string | null;
  conversationId?: string | null;
}
export const extras = (message: Message) => message as Message & MessageExtras;

/** Query keys of the inbox: one place, so the live stream updates exactly what pages read. */
export const inboxKeys = {
  all: ["inbox"] as const,
  list: (filters: object) => ["inbox", "list", filters] as const,
  conversation: (id: string) => ["inbox", "conversation", id] as const,
  messages: (id: string) => ["inbox", "messages", id] as const,
  notes: (id: string) => ["inbox", "notes", id] as const,
  composer: (id: string) => ["inbox", "composer", id] as const,
  panel: (id: string) => ["inbox", "panel", id] as const,
  agents: ["inbox", "agents"] as const,
  teams: ["inbox", "teams"] as const,
};

export const fetchConversation = (id: string) =>
  unwrap(api.GET("/v1/conversations/{id}", { params: { path: { id } } }));
export const fetchMessages = (id: string) =>
  unwrap(api.GET("/v1/messages", { params: { query: { conversationId: id, limit: 200 } } }));
export const fetchAgents = () => unwrap(api.GET("/v1/agents")).then((page) => page.data);
export const fetchTeams = () => unwrap(api.GET("/v1/teams")).then((page) => page.data);
export const fetchNotes = (id: string) =>
  unwrap(api.GET("/v1/conversations/{id}/notes", { params: { path: { id } } })).then((page) => page.data);

/**
 * A message event into the open conversation's list (newest first). Status events carry only what
 * changed (no content): they update the copy shown, and one the page has never seen reloads the list.
 */
export function upsertMessage(client: QueryClient, message: Message & MessageExtras) {
  if (!message.conversationId) return;
  const key = inboxKeys.messages(message.conversationId);
  let unknown = false;
  client.setQueryData<MessagePage>(key, (page) => {
    if (!page) return page;
    const old = page.data.find((other) => other.id === message.id);
    if (!old && !("content" in message)) {
      unknown = true;
      return page;
    }
    const merged = { ...old, ...message } as Message;
    const rest = page.data.filter((other) => other.id !== message.id);
    const data = [merged, ...rest].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
    return { ...page, data };
  });
  if (unknown) void client.invalidateQueries({ queryKey: key });
}

/** The display name of a contact: name, phone or business-scoped user id. */
export const contactName = (contact: Conversation["contact"]) =>
  contact.name || contact.phone || contact.userId || "—";
