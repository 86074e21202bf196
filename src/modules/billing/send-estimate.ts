import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { AppError } from "../../lib/problem.ts";
import { findContactByPhone, toE164, windowOpen } from "../contacts/index.ts";
import { conversationWindow } from "../conversations/index.ts";
import { senderNumber } from "../numbers/index.ts";
import { listTemplates } from "../templates/index.ts";
import { estimateMessage } from "./estimate.ts";
import { type Category, ENTRY_POINT_REPLY_MS, ENTRY_POINT_WINDOW_MS, normaliseCategory } from "./pricing.ts";
import { billingEntryPoints } from "./schema.ts";

/** What the portal's send flows ask before sending: the sending number, the recipient, and what is sent. */
export interface SendEstimateInput {
  /** The sending number (Charla's id or Meta's); the tenant's first number without it. */
  from?: string | undefined;
  to: string;
  /** A template (its category decides the price), else a message of this type (service). */
  template?: { name: string; language: string } | undefined;
  type?: string | undefined;
}

/** Whether a free entry point window would cover a message sent now (without opening it: only an estimate). */
async function entryPointOpen(db: Executor, phoneNumberId: string, contactId: string, at: Date) {
  const [row] = await db
    .select()
    .from(billingEntryPoints)
    .where(
      and(eq(billingEntryPoints.phoneNumberId, phoneNumberId), eq(billingEntryPoints.contactId, contactId)),
    );
  if (!row) return false;
  const now = at.getTime();
  if (row.opensAt) return now >= row.opensAt.getTime() && now < row.opensAt.getTime() + ENTRY_POINT_WINDOW_MS;
  // The first answer to a referral within 24 h opens the window: this message would.
  return now >= row.referralAt.getTime() && now - row.referralAt.getTime() <= ENTRY_POINT_REPLY_MS;
}

/**
 * The price of a message the portal is about to send: the template's category, the customer
 * service window of that number and contact, and any free entry point, as the reservation will see them.
 */
export async function estimateSend(db: Executor, tenantId: string, input: SendEstimateInput) {
  const number = await senderNumber(db, tenantId, input.from);
  const phone = toE164(input.to);
  let category: Category = "service";
  if (input.template) {
    const { data } = await listTemplates(db, tenantId, {
      name: input.template.name,
      language: input.template.language,
      accountId: number.accountId,
      limit: 1,
    });
    if (!data[0])
      throw new AppError(
        404,
        "template_not_found",
        `No template "${input.template.name}" in language ${input.template.language} for this number's account`,
      );
    category = normaliseCategory(data[0].category);
  }
  const contact = await findContactByPhone(db, tenantId, phone);
  const conversation = contact ? await conversationWindow(db, number.id, contact.id) : null;
  const open = windowOpen(conversation ?? { lastInboundAt: null });
  const entryPoint = contact ? await entryPointOpen(db, number.id, contact.id, new Date()) : false;
  const estimate = await estimateMessage(db, tenantId, {
    to: phone,
    category,
    windowOpen: open,
    entryPointOpen: entryPoint,
  });
  return { ...estimate, windowOpen: open, template: input.template ?? null, messageType: input.type ?? null };
}
