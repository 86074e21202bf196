import { type ComponentType, lazy, Suspense } from "react";
import type { Conversation } from "./inbox-api";

/** What the composer tells the billing area's estimate (portal/src/pages/billing/CostEstimate.tsx). */
export interface CostEstimateProps {
  conversationId: string;
  phoneNumberId: string;
  contactId: string;
  /** What is about to be sent: free-form inside the window, or a template (its category decides the price). */
  kind: "text" | "media" | "template";
  templateId: string | null;
  windowOpen: boolean;
}

// The billing area owns the estimate; until its file exists the slot stays empty (the glob matches nothing).
const estimateFiles = import.meta.glob<{ default: ComponentType<CostEstimateProps> }>(
  "../billing/CostEstimate.tsx",
);
const load = Object.values(estimateFiles)[0];
const CostEstimate = load ? lazy(load) : null;

export function CostEstimateSlot({
  conversation,
  kind,
  templateId = null,
}: {
  conversation: Conversation;
  kind: CostEstimateProps["kind"];
  templateId?: string | null;
}) {
  if (!CostEstimate) return null;
  return (
    <Suspense fallback={null}>
      <CostEstimate
        conversationId={conversation.id}
        phoneNumberId={conversation.phoneNumberId}
        contactId={conversation.contact.id}
        kind={kind}
        templateId={templateId}
        windowOpen={conversation.windowOpen}
      />
    </Suspense>
  );
}
