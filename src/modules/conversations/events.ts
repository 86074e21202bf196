import type { Availability, ConversationStatus } from "./schema.ts";

/** Who made a change, as events and the audit log show it: "user:<id>", "api_key:<id>" or "system". */
export type ActorLabel = string;

export interface ConversationStatusData {
  conversationId: string;
  from: ConversationStatus;
  to: ConversationStatus;
  snoozedUntil: string | null;
  reason: "agent" | "inbound_message" | "snooze_ended";
  by: ActorLabel;
}

export interface ConversationAssignedData {
  conversationId: string;
  assigneeId: string | null;
  previousAssigneeId: string | null;
  teamId: string | null;
  /** manual (assign, take, transfer, unassign) or automatic (a rule and the team's mode). */
  how: "manual" | "automatic";
  note: string | null;
  by: ActorLabel;
}

export interface ConversationEscalatedData {
  conversationId: string;
  teamId: string | null;
  unassignedSince: string;
}

export interface ConversationSlaData {
  conversationId: string;
  teamId: string;
  sla: "first_response" | "resolution";
  dueAt: string;
  breached: boolean;
}

export interface ConversationNoteData {
  conversationId: string;
  noteId: string;
  author: ActorLabel;
  body: string;
  mentions: string[];
}

export interface AgentPresenceData {
  userId: string;
  availability: Availability;
}

export interface AgentMentionedData {
  userId: string;
  conversationId: string;
  noteId: string;
  by: ActorLabel;
  body: string;
}
