import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Services } from "../../http/context.ts";
import { WhatsAppApiError } from "../../whatsapp/errors.ts";
import type { OutboundMessage } from "../../whatsapp/types.ts";
import { contacts } from "../contacts/schema.ts";
import { phoneNumbers } from "../numbers/schema.ts";
import { accountToken, takeSendTokens } from "../numbers/service.ts";
import { publishMessageEvent } from "./events.ts";
import { messages } from "./schema.ts";

/** Messages sent at once per number while tokens allow (the undici pool keeps them on warm connections). */
const MAX_IN_FLIGHT = 64;

export class DispatchIncompleteError extends Error {
  readonly pending: number;
  constructor(pending: number) {
    super(`${pending} message(s) could not be handed to the Cloud API yet; the job will retry`);
    this.pending = pending;
  }
}

type Outcome = "done" | "retry";

/**
 * Hands a batch of queued messages to the Cloud API. Safe to run again for the same ids: a
 * message is only sent from "queued", or from "dispatching" (a previous attempt died with the
 * outcome unknown) once the reconcile period has passed without Meta's webhooks naming it.
 */
export async function dispatchMessages(services: Services, messageIds: string[]): Promise<void> {
  const { db } = services.database;
  const rows = await db
    .select({
      message: messages,
      number: phoneNumbers,
      contact: { waId: contacts.waId, phone: contacts.phone },
    })
    .from(messages)
    .innerJoin(phoneNumbers, eq(phoneNumbers.id, messages.phoneNumberId))
    .innerJoin(contacts, eq(contacts.id, messages.contactId))
    .where(
      and(
        inArray(messages.id, messageIds),
        inArray(messages.status, ["queued", "dispatching"]),
        isNull(messages.wamid),
      ),
    );

  const reconcileMs = services.config.DISPATCH_RECONCILE_SECONDS * 1000;
  let pending = 0;
  const byNumber = new Map<string, typeof rows>();
  for (const row of rows) {
    const started = row.message.dispatchStartedAt?.getTime() ?? 0;
    if (row.message.status === "dispatching" && Date.now() - started < reconcileMs) {
      // Unknown outcome: Meta may have it. Its status webhook (carrying our id) would link it; wait for that.
      pending++;
      continue;
    }
    const list = byNumber.get(row.number.id) ?? [];
    list.push(row);
    byNumber.set(row.number.id, list);
  }

  for (const list of byNumber.values()) {
    const number = list[0]!.number;
    const { accessToken } = await accountToken(services, number.accountId);
    const client = services.graph.client(accessToken);
    let next = 0;
    while (next < list.length) {
      const want = Math.min(MAX_IN_FLIGHT, list.length - next);
      const { granted, waitMs } = await takeSendTokens(db, number.id, number.throughputPerSecond, want);
      if (granted === 0) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(5, waitMs)));
        continue;
      }
      const slice = list.slice(next, next + granted);
      next += granted;
      const outcomes = await Promise.all(
        slice.map((row) =>
          sendOne(services, client, number.phoneNumberId, row.message, row.contact.waId ?? row.contact.phone),
        ),
      );
      pending += outcomes.filter((outcome) => outcome === "retry").length;
    }
  }
  if (pending > 0) throw new DispatchIncompleteError(pending);
}

async function sendOne(
  services: Services,
  client: ReturnType<Services["graph"]["client"]>,
  metaNumberId: string,
  message: typeof messages.$inferSelect,
  to: string,
): Promise<Outcome> {
  const { db } = services.database;
  // Claim, committed before the call: if this process dies during it, the next attempt knows the outcome is unknown.
  const [claimed] = await db
    .update(messages)
    .set({
      status: "dispatching",
      dispatchAttempts: sql`${messages.dispatchAttempts} + 1`,
      dispatchStartedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(messages.id, message.id),
        inArray(messages.status, ["queued", "dispatching"]),
        isNull(messages.wamid),
      ),
    )
    .returning({ id: messages.id });
  if (!claimed) return "done";

  const body = { ...message.content, to, biz_opaque_callback_data: message.id } as unknown as OutboundMessage;
  try {
    const response = await client.sendMessage(metaNumberId, body);
    const wamid = response.messages[0]?.id;
    if (!wamid) throw new Error("Cloud API answered without a message id");
    await db
      .update(messages)
      .set({
        wamid: sql`coalesce(${messages.wamid}, ${wamid})`,
        status: sql`case when ${messages.status} = 'dispatching' then 'accepted' else ${messages.status} end`,
        acceptedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(messages.id, message.id));
    return "done";
  } catch (error) {
    if (error instanceof WhatsAppApiError && !error.retryable) {
      const failure = {
        code: error.code ?? 0,
        title: error.type,
        message: error.message,
        details: error.details,
      };
      await db.transaction(async (tx) => {
        const [failed] = await tx
          .update(messages)
          .set({ status: "failed", error: failure, failedAt: new Date(), updatedAt: new Date() })
          .where(and(eq(messages.id, message.id), eq(messages.status, "dispatching")))
          .returning();
        if (failed) await publishMessageEvent(tx, services, failed, "message.failed");
      });
      return "done";
    }
    if (error instanceof WhatsAppApiError) {
      // Meta answered with a transient error: it did not take the message, so sending again is safe.
      await db
        .update(messages)
        .set({ status: "queued", updatedAt: new Date() })
        .where(and(eq(messages.id, message.id), eq(messages.status, "dispatching")));
    }
    // Anything else (timeout, connection reset): the outcome is unknown; stay "dispatching" and reconcile.
    return "retry";
  }
}
