import type { Services } from "../../app/services.ts";
import { unprocessable } from "../../lib/problem.ts";
import {
  BSUID_PATTERN,
  type Contact,
  contactsForPhones,
  findContactByUserId,
  isOptedIn,
  isOptedOut,
  toE164,
  windowExpiresAt,
  windowOpen,
} from "../contacts/index.ts";
import { type Conversation, conversationKey, conversationWindows } from "../conversations/index.ts";
import { assertNotificationsEnabled, type PhoneNumberRow, senderNumber } from "../numbers/index.ts";
import { templateForSend } from "../templates/index.ts";
import type { SendMessageInput } from "./input.ts";
import type { OutboundValues } from "./send.ts";

/** A send to check: the request, its Idempotency-Key and the hash of its body. */
export interface SendRequest {
  input: SendMessageInput;
  key: string | undefined;
  hash: string;
}

type Window = Pick<Conversation, "lastInboundAt"> | null;

/**
 * The business-initiated and customer-service rules Meta's policy and the contact's consent
 * impose. The window is the conversation's: Meta keeps one per business number and user.
 */
function checkRules(
  contact: Contact,
  conversation: Window,
  input: SendMessageInput,
  category: string | null,
) {
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
  const window = conversation ?? { lastInboundAt: null };
  if (!windowOpen(window)) {
    const expired = windowExpiresAt(window);
    throw unprocessable(
      "window_closed",
      expired
        ? `The 24-hour customer service window closed at ${expired.toISOString()}; send an approved template instead`
        : "The contact has never written to this number; start the conversation with an approved template",
    );
  }
}

/** Settles `fn` for each item: its value, or the error it threw. */
async function each<T, R>(
  items: T[],
  fn: (item: T, index: number) => Promise<R> | R,
): Promise<(R | Error)[]> {
  return Promise.all(
    items.map(async (item, index) => {
      try {
        return await fn(item, index);
      } catch (error) {
        return error instanceof Error ? error : new Error(String(error));
      }
    }),
  );
}

/**
 * The contact each `to` names: a phone (the contact is created if new: several in one statement),
 * or the business-scoped user id of a contact who wrote in without one (Meta never tells a business
 * a username adopter's phone); an unknown user id is refused.
 */
async function contactsFor(
  services: Services,
  tenantId: string,
  tos: string[],
): Promise<(Contact | Error)[]> {
  const { db } = services.database;
  const phones = await each(tos, (to) => (BSUID_PATTERN.test(to) ? null : toE164(to)));
  const byPhone = await contactsForPhones(
    db,
    tenantId,
    phones.filter((phone): phone is string => typeof phone === "string"),
  );
  return each(tos, async (to, i) => {
    const phone = phones[i];
    if (phone instanceof Error) throw phone;
    if (phone) return byPhone.get(phone)!;
    const contact = await findContactByUserId(db, tenantId, to);
    if (!contact)
      throw unprocessable(
        "contact_not_found",
        `No contact has the business-scoped user id ${to}; a user id is known once the user wrote in`,
      );
    return contact;
  });
}

/** The message body Charla stores and sends, with its template, category and preview. */
async function content(
  services: Services,
  tenantId: string,
  number: PhoneNumberRow,
  input: SendMessageInput,
) {
  const { db } = services.database;
  if (input.type !== "template") {
    const { to: _to, from: _from, replyTo: _reply, ...body } = input;
    return {
      content: body as Record<string, unknown>,
      templateId: null,
      category: "SERVICE",
      preview: undefined,
    };
  }
  await assertNotificationsEnabled(db, number.accountId);
  const rendered = await templateForSend(db, tenantId, number.accountId, input.template);
  return {
    content: { type: "template", ...rendered.body } as Record<string, unknown>,
    templateId: rendered.template.id as string | null,
    category: rendered.template.category as string | null,
    preview: rendered.preview as string | undefined,
  };
}

/**
 * The checks of a tenant's sends (number, contact, template, consent and window) and the values
 * to store, or the error that refuses each. Reads are shared: one query for the contacts and one
 * for the windows whatever the number of sends; numbers, accounts and templates come from caches.
 */
export async function prepareSends(
  services: Services,
  tenantId: string,
  requests: SendRequest[],
): Promise<(OutboundValues | Error)[]> {
  const { db } = services.database;
  // One lookup per distinct `from`: the sends of a batch request would otherwise all miss the
  // cache together (500 identical reads for the first batch after a start or an invalidation).
  const lookups = new Map<string, Promise<PhoneNumberRow>>();
  const numbers = await each(requests, ({ input }) => {
    const key = input.from ?? "";
    let lookup = lookups.get(key);
    if (!lookup) {
      lookup = senderNumber(db, tenantId, input.from);
      lookup.catch(() => {}); // awaited by each send that shares it
      lookups.set(key, lookup);
    }
    return lookup;
  });
  // Contacts only for sends whose number is usable (a refused send creates no contact).
  const usable = requests.flatMap((_request, i) => (numbers[i] instanceof Error ? [] : [i]));
  const found = await contactsFor(
    services,
    tenantId,
    usable.map((i) => requests[i]!.input.to),
  );
  const contacts: (Contact | Error)[] = numbers.map((number) => number as Error);
  for (const [n, i] of usable.entries()) contacts[i] = found[n]!;
  const pairs = requests.flatMap((_request, i) => {
    const [number, contact] = [numbers[i], contacts[i]];
    return number instanceof Error || contact instanceof Error
      ? []
      : [{ phoneNumberId: number!.id, contactId: contact!.id }];
  });
  const windows = await conversationWindows(db, pairs);
  return each(requests, async ({ input, key, hash }, i) => {
    const [number, contact] = [numbers[i]!, contacts[i]!];
    if (number instanceof Error) throw number;
    if (contact instanceof Error) throw contact;
    const conversation = windows.get(conversationKey(number.id, contact.id)) ?? null;
    const made = await content(services, tenantId, number, input);
    checkRules(contact, conversation, input, made.category);
    if (input.replyTo) made.content.context = { message_id: input.replyTo };
    return {
      tenantId,
      phoneNumberId: number.id,
      contactId: contact.id,
      type: input.type,
      content: made.content,
      templateId: made.templateId,
      category: made.category?.toLowerCase() ?? null,
      replyToWamid: input.replyTo ?? null,
      idempotencyKey: key ?? null,
      requestHash: hash,
      preview: made.preview,
      billing: { phone: contact.phone, windowOpen: windowOpen(conversation ?? { lastInboundAt: null }) },
    } satisfies OutboundValues;
  });
}
