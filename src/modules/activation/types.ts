/** What the activation module's domain events carry. */
export interface ActivationStageEventData {
  requestId: string;
  stage: string;
  from: string;
  to: string;
  owner: string;
  reasons: string[];
  dueAt: string | null;
  /** The next action: a message key the portal translates, and its English text. */
  nextAction: { key: string; text: string };
}

export interface ActivationCompletedData {
  requestId: string;
  activatedAt: string;
  /** From the request to activation (Meta's average is 2 to 7 days). */
  totalHours: number;
}
