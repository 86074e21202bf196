import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { inboxKeys, type Message, type MessageExtras, upsertMessage } from "./inbox-api";

/** What the stream sends in each event's data (see GET /v1/events/stream). */
interface StreamEvent {
  id: string;
  type: string;
  createdAt: string;
  data: Record<string, unknown>;
}

export type StreamState = "connecting" | "live" | "reconnecting";

const LIVE_TYPES = [
  "message.accepted",
  "message.sent",
  "message.delivered",
  "message.read",
  "message.failed",
  "message.received",
  "conversation.status_changed",
  "conversation.assigned",
  "conversation.escalated",
  "conversation.sla_warning",
  "conversation.note_added",
  "agent.presence_changed",
  "agent.mentioned",
  "contact.opted_in",
  "contact.opted_out",
];

/**
 * The tenant's live events into the inbox's queries. EventSource resends Last-Event-ID itself when
 * it reconnects; when the browser gives up (CLOSED), a new source resumes with ?lastEventId=.
 */
export type { StreamEvent };

export function useInboxStream(onMine: (event: StreamEvent) => void): StreamState {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  const lastId = useRef<string | null>(null);
  const mine = useRef(onMine);
  mine.current = onMine;
  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let listTimer: ReturnType<typeof setTimeout> | undefined;
    const refreshLists = () => {
      // Many events in a burst: the list is fetched again once.
      clearTimeout(listTimer);
      listTimer = setTimeout(() => void client.invalidateQueries({ queryKey: ["inbox", "list"] }), 150);
    };
    const handle = (raw: MessageEvent<string>) => {
      lastId.current = raw.lastEventId || lastId.current;
      const event = JSON.parse(raw.data) as StreamEvent;
      const conversationId = event.data.conversationId as string | undefined;
      if (event.type.startsWith("message.")) {
        upsertMessage(client, event.data as unknown as Message & MessageExtras);
        if (conversationId)
          void client.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
      } else if (event.type.startsWith("conversation.") && conversationId) {
        void client.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
        if (event.type === "conversation.note_added" || event.type === "conversation.assigned")
          void client.invalidateQueries({ queryKey: inboxKeys.notes(conversationId) });
      } else if (event.type.startsWith("agent.") || event.type.startsWith("contact.")) {
        void client.invalidateQueries({ queryKey: inboxKeys.agents });
        void client.invalidateQueries({ queryKey: ["inbox", "panel"] });
      }
      if (event.type === "agent.mentioned" || event.type === "conversation.assigned") mine.current(event);
      if (!event.type.startsWith("agent.")) refreshLists();
    };
    const connect = () => {
      const query = lastId.current ? `?lastEventId=${encodeURIComponent(lastId.current)}` : "";
      source = new EventSource(`/v1/events/stream${query}`, { withCredentials: true });
      source.onopen = () => setState("live");
      source.onerror = () => {
        setState("reconnecting");
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(connect, 2_000);
        }
      };
      for (const type of LIVE_TYPES) source.addEventListener(type, handle);
      // Gone too long to resume: everything shown is read again.
      source.addEventListener("reset", () => void client.invalidateQueries({ queryKey: inboxKeys.all }));
    };
    connect();
    return () => {
      clearTimeout(retry);
      clearTimeout(listTimer);
      source?.close();
    };
  }, [client]);
  return state;
}
