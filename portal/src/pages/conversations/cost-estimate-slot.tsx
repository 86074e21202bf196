import { CostEstimate } from "../billing/CostEstimate";
import type { Conversation } from "./inbox-api";

/**
 * What the message in the composer will cost (billing's estimate: Meta's price plus the markup, or
 * why it is free), for the conversation's number and contact. A contact known only by its
 * business-scoped user id has no market to price by, so nothing is shown for it.
 */
export function CostEstimateSlot({
  conversation,
  kind,
  template = null,
}: {
  conversation: Conversation;
  kind: "text" | "media" | "template";
  template?: { name: string; language: string } | null;
}) {
  const to = conversation.contact.phone;
  if (!to || (kind === "template" && !template)) return null;
  return (
    <CostEstimate
      phoneNumberId={conversation.phoneNumberId}
      to={to}
      template={kind === "template" ? template : null}
      type={kind === "media" ? "image" : "text"}
    />
  );
}
