import { and, eq, isNotNull, isNull, or } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { inboundCount, repliedMessage } from "../messages/index.ts";
import type { FlowTriggers } from "./definition.ts";
import type { BotFlow } from "./flows.ts";
import { findKeyword, matchesPattern } from "./matching.ts";
import { botFlows } from "./schema.ts";

/** What the trigger check needs of an inbound message. */
export interface TriggerInput {
  tenantId: string;
  phoneNumberId: string;
  contactId: string;
  text: string;
  replyId?: string | undefined;
  replyToWamid?: string | null | undefined;
}

type Matcher = (triggers: FlowTriggers) => boolean;

/**
 * The published flow an inbound message starts, in order of how specific the match is: a button
 * reply's id, a reply to a campaign (template) message, a keyword or pattern, a first contact, and
 * last the number's default bot. A flow for the number wins over a flow for every number.
 */
export async function flowForInbound(db: Executor, input: TriggerInput): Promise<BotFlow | null> {
  const flows = await db
    .select()
    .from(botFlows)
    .where(
      and(
        eq(botFlows.tenantId, input.tenantId),
        isNotNull(botFlows.publishedVersion),
        or(isNull(botFlows.phoneNumberId), eq(botFlows.phoneNumberId, input.phoneNumberId)),
      ),
    );
  if (flows.length === 0) return null;
  // The number's own flows first.
  flows.sort((a, b) => Number(b.phoneNumberId !== null) - Number(a.phoneNumberId !== null));
  const first = (matcher: Matcher) => flows.find((flow) => matcher(flow.triggers));
  const replied = input.replyToWamid ? await repliedMessage(db, input.tenantId, input.replyToWamid) : null;
  const campaignReply = replied?.direction === "outbound" && replied.type === "template";
  const matchers: Matcher[] = [
    (t) => !!input.replyId && t.buttonIds.includes(input.replyId),
    (t) => campaignReply && t.campaignReply,
    (t) => !!findKeyword(input.text, t.keywords) || t.patterns.some((p) => matchesPattern(input.text, p)),
  ];
  for (const matcher of matchers) {
    const found = first(matcher);
    if (found) return found;
  }
  if (flows.some((flow) => flow.triggers.firstContact)) {
    const isFirst = (await inboundCount(db, input.tenantId, input.contactId)) <= 1;
    const found = isFirst ? first((t) => t.firstContact) : undefined;
    if (found) return found;
  }
  return flows.find((flow) => flow.isDefault) ?? null;
}

/** The keywords of the tenant's published flows (what a voice note that starts a flow may say). */
export async function triggerKeywords(db: Executor, tenantId: string): Promise<string[]> {
  const flows = await db
    .select({ triggers: botFlows.triggers })
    .from(botFlows)
    .where(and(eq(botFlows.tenantId, tenantId), isNotNull(botFlows.publishedVersion)));
  return flows.flatMap((flow) => flow.triggers.keywords);
}
