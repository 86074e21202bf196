import type { TxContext } from "../jobs/queue.ts";
import type { DomainEvent } from "./types.ts";

/**
 * A module's reaction to domain events. It runs inside the emitting transaction, so what it
 * writes (rows, jobs) commits or rolls back with the change; it gets the whole batch an emit
 * carried, so a batch of statuses costs it one round of queries. Slow work goes to a job.
 */
export interface EventSubscriber {
  /** For logs and tests: "<module>.<what>". */
  name: string;
  handle(context: TxContext, events: DomainEvent[]): Promise<void>;
}

let subscribers: readonly EventSubscriber[] = [];

/**
 * Installs the subscribers of every module (done once per process by the runtime, from the module
 * records). Subscribers are code, the same for every database a process opens.
 */
export function useSubscribers(list: readonly EventSubscriber[]): void {
  subscribers = [...list];
}

/**
 * Emits domain events inside the transaction that made the change (`context.tx`): every subscriber
 * handles them before the caller goes on, in that transaction. Build each event's data when you emit
 * it (a fresh object), so later changes to your rows do not change what was emitted.
 */
export async function emit(context: TxContext, events: DomainEvent | DomainEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  for (const subscriber of subscribers) await subscriber.handle(context, list);
}
