import { z } from "zod";
import { availabilities, conversationStatuses } from "./schema.ts";

export const idParams = z.object({ id: z.uuid() });

export const conversationOut = z.looseObject({
  id: z.uuid(),
  status: z.enum(conversationStatuses),
  snoozedUntil: z.date().nullable(),
  assigneeId: z.uuid().nullable(),
  teamId: z.uuid().nullable(),
  labels: z.array(z.string()),
  phoneNumberId: z.uuid(),
  contact: z.object({
    id: z.uuid(),
    phone: z.string().nullable(),
    userId: z.string().nullable().describe("business-scoped user id (2026)"),
    name: z.string().nullable(),
  }),
  lastMessageAt: z.date(),
  lastMessagePreview: z.string().nullable(),
  unreadCount: z.number().int(),
  waitingSince: z.date().nullable(),
  firstResponseAt: z.date().nullable(),
  resolvedAt: z.date().nullable(),
  windowOpen: z.boolean(),
  windowExpiresAt: z.date().nullable(),
});

export const listQuery = z.object({
  status: z.enum(conversationStatuses).optional(),
  assignee: z
    .union([z.literal("me"), z.literal("none"), z.uuid()])
    .optional()
    .describe("me (the signed-in agent), none (unassigned) or a user id"),
  teamId: z.uuid().optional(),
  label: z.string().min(1).max(64).optional(),
  phoneNumberId: z.uuid().optional(),
  contactId: z.uuid().optional(),
  q: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe("Full-text search over the messages, the customers' and the business's"),
  unread: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional()
    .describe("true: only conversations with unread inbound messages"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const patchBody = z
  .object({
    status: z.enum(conversationStatuses).optional(),
    snoozedUntil: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional()
      .describe("With status snoozed: when it opens again"),
    read: z.literal(true).optional().describe("Marks it read here and the customer's messages read at Meta"),
    labels: z.array(z.string().min(1).max(64)).max(50).optional().describe("Replaces the labels"),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Give status, read or labels" });

export const assignBody = z.object({
  assigneeId: z
    .uuid()
    .nullable()
    .optional()
    .describe("null unassigns; absent keeps the agent (team transfer)"),
  teamId: z.uuid().nullable().optional(),
  note: z.string().min(1).max(4000).optional().describe("Stored as a private note (a transfer's reason)"),
  expectedAssigneeId: z
    .uuid()
    .nullable()
    .optional()
    .describe("Apply only if the conversation still has this assignee (null: only if unassigned); else 409"),
});

export const agentPatch = z
  .object({
    availability: z.enum(availabilities).optional(),
    capacity: z.number().int().min(0).max(1000).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Give availability or capacity" });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);
export const teamBody = z.object({
  name: z.string().min(1).max(100).optional(),
  assignmentMode: z.enum(["round_robin", "least_busy", "manual"]).optional(),
  businessHours: z
    .object({
      timezone: z.string().min(1),
      weekly: z.partialRecord(z.enum(["1", "2", "3", "4", "5", "6", "7"]), z.array(z.tuple([hhmm, hhmm]))),
      holidays: z.array(z.iso.date()).default([]),
    })
    .nullable()
    .optional(),
  escalateAfterMinutes: z.number().int().min(1).max(10_080).nullable().optional(),
  firstResponseMinutes: z.number().int().min(1).max(100_000).nullable().optional(),
  resolutionMinutes: z.number().int().min(1).max(1_000_000).nullable().optional(),
  warnAtPercent: z.number().int().min(1).max(100).optional(),
  csatOnResolve: z
    .boolean()
    .optional()
    .describe("Ask for a rating (interactive buttons) when a conversation is resolved"),
  csatQuestion: z.string().min(1).max(1024).nullable().optional(),
  memberIds: z.array(z.uuid()).max(500).optional(),
});

export const ruleBody = z.object({
  teamId: z.uuid(),
  position: z.number().int().min(0).default(0),
  phoneNumberId: z.uuid().nullable().optional(),
  contactTag: z.string().min(1).nullable().optional(),
  attributeKey: z.string().min(1).nullable().optional(),
  attributeValue: z.string().nullable().optional(),
  keywords: z.array(z.string().min(1)).max(100).default([]),
});

/** What the portal's inbox reads: typed in the OpenAPI document so its client is generated. */
export const agentOut = z.looseObject({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.string(),
  availability: z.enum(availabilities),
  capacity: z.number().int(),
  lastActiveAt: z.date().nullable(),
  openConversations: z.number().int(),
  teamIds: z.array(z.uuid()),
});

export const teamOut = z.looseObject({ id: z.uuid(), name: z.string(), assignmentMode: z.string() });

export const noteOut = z.looseObject({
  id: z.uuid(),
  conversationId: z.uuid(),
  authorUserId: z.uuid().nullable(),
  author: z.string(),
  body: z.string(),
  mentions: z.array(z.uuid()),
  createdAt: z.date(),
});

export const cannedOut = z.looseObject({ id: z.uuid(), shortcut: z.string(), body: z.string() });

export const contactPanelOut = z.object({
  contact: z.looseObject({
    id: z.uuid(),
    phone: z.string().nullable(),
    userId: z.string().nullable(),
    name: z.string().nullable(),
    attributes: z.record(z.string(), z.unknown()),
    tags: z.array(z.string()),
    optedInAt: z.date().nullable(),
    optedOutAt: z.date().nullable(),
    lastInboundAt: z.date().nullable(),
  }),
  conversations: z.array(conversationOut),
});

export const composerOut = z.object({
  windowOpen: z.boolean(),
  windowExpiresAt: z.date().nullable().optional(),
  windowClosedAt: z.date().nullable().optional(),
  templates: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      language: z.string(),
      category: z.string(),
      definition: z.unknown(),
    }),
  ),
});
