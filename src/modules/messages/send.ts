import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../../db/client.ts";
import type { Services } from "../../http/context.ts";
import { AppError, unprocessable } from "../../http/problem.ts";
import { inTransaction } from "../../jobs/queue.ts";
import { toE164 } from "../contacts/phone.ts";
import {
  type Contact,
  findContactByPhone,
  isOptedIn,
  isOptedOut,
  upsertContact,
  windowExpiresAt,
  windowOpen,
} from "../contacts/service.ts";
import { senderNumber } from "../numbers/service.ts";
import { renderTemplate } from "../templates/render.ts";
import { templates } from "../templates/schema.ts";
import type { TemplateDefinition } from "../templates/types.ts";
import type { SendMessageInput } from "./input.ts";
import { DISPATCH_QUEUE } from "./jobs.ts";
import { messages } from "./schema.ts";

export type MessageRow = typeof messages.$inferSelect;

/** Stores an outbound message and its dispatch job in the caller's transaction. */
export async function queueOutbound(
  tx: Tx,
  services: Pick<Services, "boss">,
  values: Omit<typeof messages.$inferInsert, "direction" | "status">,
): Promise<MessageRow> {
  const [message] = await tx
    .insert(messages)
    .values({ ...values, direction: "outbound", status: "queued" })
    .returning();
  if (!message) throw new Error("insert returned no row");
  await services.boss.send(DISPATCH_QUEUE, { messageIds: [message.id] }, inTransaction(tx));
  return message;
}

function requestHash(input: SendMessageInput): string {
  return createHash("sha256").update(JSON.stringify(input)).digest("hex");
}

async function findByIdempotencyKey(services: Services, tenantId: string, key: string) {
  const [row] = await services.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.idempotencyKey, key)));
  return row;
}

function replayOrRefuse(row: MessageRow, hash: string): { message: MessageRow; replayed: true } {
  if (row.requestHash !== hash) {
    throw unprocessable(
      "idempotency_key_reused",
      "This Idempotency-Key was used with a different request body; use a new key for a new message",
    );
  }
  return { message: row, replayed: true };
}

/** The template message body, after checking the template is approved and its parameters complete. */
async function templateContent(
  services: Services,
  tenantId: string,
  accountId: string,
  input: SendMessageInput,
) {
  if (input.type !== "template") throw new Error("not a template message");
  const [template] = await services.database.db
    .select()
    .from(templates)
    .where(
      and(
        eq(templates.tenantId, tenantId),
        eq(templates.accountId, accountId),
        eq(templates.name, input.template.name),
        eq(templates.language, input.template.language),
      ),
    );
  if (!template) {
    throw new AppError(
      404,
      "template_not_found",
      `No template "${input.template.name}" in language ${input.template.language} for this number's account`,
    );
  }
  if (template.status !== "approved") {
    throw unprocessable(
      "template_not_approved",
      `Template "${template.name}" is ${template.status}, not approved`,
      {
        templateStatus: template.status,
      },
    );
  }
  const rendered = renderTemplate(
    template.definition as unknown as TemplateDefinition,
    input.template.parameters ?? {},
  );
  if (!rendered.ok) {
    throw unprocessable("template_parameters_invalid", "The template parameters do not match the template", {
      errors: rendered.errors,
    });
  }
  return { template, body: { template: rendered.message }, preview: rendered.preview };
}

/** The business-initiated and customer-service rules Meta's policy and the contact's consent impose. */
function checkRules(contact: Contact, input: SendMessageInput, category: string | null) {
  if (input.type === "template") {
    if (isOptedOut(contact) && category === "MARKETING") {
      throw unprocessable(
        "contact_opted_out",
        "The contact opted out; marketing messages are never sent to them",
      );
    }
    if (!isOptedIn(contact)) {
      throw unprocessable(
        "consent_required",
        isOptedOut(contact)
          ? "The contact opted out; record a new opt-in before messaging them"
          : "No opt-in is recorded for this contact; record one (POST /v1/contacts with optIn) before sending",
      );
    }
    return;
  }
  if (!windowOpen(contact)) {
    const expired = windowExpiresAt(contact);
    throw unprocessable(
      "window_closed",
      expired
        ? `The 24-hour customer service window closed at ${expired.toISOString()}; send an approved template instead`
        : "The contact has never written to this business; start the conversation with an approved template",
    );
  }
}

/**
 * Accepts a message: validates, applies the rules, and stores it with its dispatch job in one
 * transaction, so a message exists if and only if it will be dispatched.
 */
export async function acceptMessage(
  services: Services,
  tenantId: string,
  input: SendMessageInput,
  idempotencyKey?: string,
): Promise<{ message: MessageRow; replayed: boolean }> {
  const hash = requestHash(input);
  if (idempotencyKey) {
    const existing = await findByIdempotencyKey(services, tenantId, idempotencyKey);
    if (existing) return replayOrRefuse(existing, hash);
  }
  const phone = toE164(input.to);
  const number = await senderNumber(services.database.db, tenantId, input.from);
  const { db } = services.database;
  const contact =
    (await findContactByPhone(db, tenantId, phone)) ?? (await upsertContact(db, tenantId, { phone }));

  let content: Record<string, unknown>;
  let templateId: string | null = null;
  let category: string | null = null;
  if (input.type === "template") {
    const rendered = await templateContent(services, tenantId, number.accountId, input);
    content = { type: "template", ...rendered.body };
    templateId = rendered.template.id;
    category = rendered.template.category;
  } else {
    const { to: _to, from: _from, replyTo: _reply, ...body } = input;
    content = body;
    category = "SERVICE";
  }
  checkRules(contact, input, category);
  if (input.replyTo) content.context = { message_id: input.replyTo };

  try {
    return await db.transaction(async (tx) => {
      const message = await queueOutbound(tx, services, {
        tenantId,
        phoneNumberId: number.id,
        contactId: contact.id,
        type: input.type,
        content,
        templateId,
        category: category?.toLowerCase() ?? null,
        replyToWamid: input.replyTo ?? null,
        idempotencyKey: idempotencyKey ?? null,
        requestHash: hash,
      });
      return { message, replayed: false };
    });
  } catch (error) {
    // Two requests with one key raced: the loser answers with the winner's message.
    const code =
      (error as { cause?: { code?: string }; code?: string }).cause?.code ??
      (error as { code?: string }).code;
    if (idempotencyKey && code === "23505") {
      const existing = await findByIdempotencyKey(services, tenantId, idempotencyKey);
      if (existing) return replayOrRefuse(existing, hash);
    }
    throw error;
  }
}
