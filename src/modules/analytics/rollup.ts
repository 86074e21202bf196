import type { Executor as Tx } from "../../db/client.ts";
import type { DomainEvent, EventOf, EventSubscriber } from "../../events/index.ts";
import { conversationTimings } from "../conversations/index.ts";
import type { MessageView } from "../messages/index.ts";
import { repliedMessage } from "../messages/index.ts";
import { Deltas, durationBucket } from "./deltas.ts";
import { campaignsOfMessages, dimensionsOf, hourOf, minuteOf, normalCategory } from "./dimensions.ts";
import { announceUpdates } from "./live-events.ts";
import { writeDeltas } from "./write.ts";

const STATUS_TYPES = new Set(["message.sent", "message.delivered", "message.read", "message.failed"]);

/**
 * A status event is emitted once per forward move of a message (ingest locks the row and never
 * moves it back), so each counts once. A status that skipped steps (read with no delivered before
 * it) counts the steps it implies, unless an earlier forward move counted them: a step was counted
 * when its own timestamp or a later step's is set in the view (delivered, seen before sent, counted
 * the implied sent while sent_at stayed empty). A step that arrives after a later one is not a
 * forward move: no event, nothing counted twice.
 */
function statusCounts(type: string, view: MessageView) {
  const deliveredBefore = view.deliveredAt != null;
  const sentBefore = view.sentAt != null || (type === "message.read" && deliveredBefore);
  switch (type) {
    case "message.sent":
      return { sent: 1 };
    case "message.delivered":
      return { delivered: 1, sent: sentBefore ? 0 : 1 };
    case "message.read":
      return { read: 1, delivered: deliveredBefore ? 0 : 1, sent: sentBefore ? 0 : 1 };
    default:
      return { failed: 1 };
  }
}

async function addStatuses(tx: Tx, events: DomainEvent[], deltas: Deltas) {
  const statuses = events.filter(
    (event) => STATUS_TYPES.has(event.type) && (event.data as MessageView).direction === "outbound",
  );
  if (statuses.length === 0) return;
  const dimensions = await dimensionsOf(
    tx,
    statuses.map((event) => ({ tenantId: event.tenantId, view: event.data as MessageView })),
  );
  const minute = minuteOf(new Date());
  for (const event of statuses) {
    const view = event.data as MessageView;
    const where = dimensions.get(view.id)!;
    const counts = statusCounts(event.type, view);
    deltas.add(where, counts);
    for (const [counter, value] of Object.entries(counts))
      if (value > 0) deltas.addLive(event.tenantId, minute, view.phoneNumberId, counter as "sent");
    if (event.type === "message.failed")
      deltas.addFailure({
        tenantId: where.tenantId,
        hour: where.hour,
        phoneNumberId: where.phoneNumberId,
        templateId: where.templateId,
        campaignId: where.campaignId,
        errorCode: view.error?.code ?? 0,
      });
  }
}

/** A reply (an inbound message quoting one of ours) counts on the replied message's row, like a read. */
async function addReplies(tx: Tx, events: DomainEvent[], deltas: Deltas) {
  const replied: { tenantId: string; view: MessageView }[] = [];
  for (const event of events) {
    if (event.type !== "message.received" || !event.data.replyToWamid) continue;
    const original = await repliedMessage(tx, event.tenantId, event.data.replyToWamid);
    if (original?.direction === "outbound")
      replied.push({ tenantId: event.tenantId, view: { ...event.data, ...original } as MessageView });
  }
  if (replied.length === 0) return;
  const dimensions = await dimensionsOf(tx, replied);
  for (const { view } of replied) deltas.add(dimensions.get(view.id)!, { replies: 1 });
}

async function addCharges(tx: Tx, events: DomainEvent[], deltas: Deltas) {
  const charges = events.filter(
    (event): event is EventOf<"billing.charged"> => event.type === "billing.charged",
  );
  if (charges.length === 0) return;
  const campaigns = await campaignsOfMessages(
    tx,
    charges.map((event) => event.data.messageId),
  );
  for (const { tenantId, data } of charges)
    deltas.add(
      {
        tenantId,
        hour: hourOf(data.messageCreatedAt),
        phoneNumberId: data.phoneNumberId,
        templateId: data.templateId,
        campaignId: campaigns.get(data.messageId) ?? null,
        category: normalCategory(data.category),
        market: data.market,
      },
      { cost_micros: data.costMicros, markup_micros: data.markupMicros },
    );
}

/** Conversations opened and resolved (in the hour it happened), and the agent's times on resolution. */
async function addConversations(tx: Tx, events: DomainEvent[], deltas: Deltas) {
  const changes = events.filter(
    (event): event is EventOf<"conversation.status_changed"> =>
      event.type === "conversation.status_changed" &&
      event.data.from !== event.data.to &&
      (event.data.to === "resolved" || event.data.from === "resolved"),
  );
  if (changes.length === 0) return;
  const timings = new Map(
    (
      await conversationTimings(
        tx,
        changes.map((event) => event.data.conversationId),
      )
    ).map((row) => [row.id, row]),
  );
  const hour = hourOf(new Date());
  for (const { tenantId, data } of changes) {
    const conversation = timings.get(data.conversationId);
    if (!conversation) continue;
    const where = {
      tenantId,
      hour,
      phoneNumberId: conversation.phoneNumberId,
      templateId: null,
      campaignId: null,
      category: null,
      market: null,
    };
    if (data.to !== "resolved") {
      deltas.add(where, { conversations_opened: 1 });
      continue;
    }
    deltas.add(where, { conversations_resolved: 1 });
    const userId = conversation.assigneeId;
    if (!userId) continue;
    deltas.addAgent({ tenantId, hour, userId, metric: "handled", bucket: -1 });
    const opened = conversation.openedAt.getTime();
    const resolved = (conversation.resolvedAt ?? new Date()).getTime();
    deltas.addAgent({
      tenantId,
      hour,
      userId,
      metric: "resolution",
      bucket: durationBucket(Math.max(0, (resolved - opened) / 1000)),
    });
    if (conversation.firstResponseAt)
      deltas.addAgent({
        tenantId,
        hour,
        userId,
        metric: "first_response",
        bucket: durationBucket(Math.max(0, (conversation.firstResponseAt.getTime() - opened) / 1000)),
      });
  }
}

function addBotSessions(events: DomainEvent[], deltas: Deltas) {
  const hour = hourOf(new Date());
  for (const event of events) {
    if (event.type !== "bot.session_changed") continue;
    const { flowId, from, to } = event.data;
    if (from === null) deltas.addBot(event.tenantId, hour, flowId, "sessions");
    if (to === "completed") deltas.addBot(event.tenantId, hour, flowId, "completions");
    if (to === "handed_over") deltas.addBot(event.tenantId, hour, flowId, "handovers");
  }
}

/** Builds a batch's deltas (a fixed number of queries per batch) and writes them with one upsert per rollup. */
export async function applyRollups(tx: Tx, events: DomainEvent[]): Promise<Deltas> {
  const deltas = new Deltas();
  await addStatuses(tx, events, deltas);
  await addReplies(tx, events, deltas);
  await addCharges(tx, events, deltas);
  await addConversations(tx, events, deltas);
  addBotSessions(events, deltas);
  if (!deltas.empty) await writeDeltas(tx, deltas);
  return deltas;
}

/** Keeps the rollups in the emitting transaction, then tells open dashboards (at most once a second per tenant). */
export const analyticsSubscriber: EventSubscriber = {
  name: "analytics.rollups",
  async handle({ tx }, events) {
    const deltas = await applyRollups(tx, events);
    if (!deltas.empty) await announceUpdates(tx, deltas.tenants());
  },
};
