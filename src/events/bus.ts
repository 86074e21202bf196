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

/** The emit running in a transaction: which subscriber it is at, and what that subscriber emitted. */
interface Round {
  at: number;
  joined: DomainEvent[];
}
const rounds = new WeakMap<object, Round>();

/**
 * Emits domain events inside the transaction that made the change (`context.tx`): every subscriber
 * handles them in that transaction before the emit that is running there returns. Build each
 * event's data when you emit it (a fresh object), so later changes to your rows do not change what
 * was emitted.
 *
 * Events a subscriber emits while it handles a batch (billing's charges for a batch of statuses)
 * join that batch for the subscribers after it, so those handle both in one call (one round of
 * queries instead of two); the subscribers up to it handle them at once. Every subscriber still
 * sees every event once.
 */
export async function emit(context: TxContext, events: DomainEvent | DomainEvent[]): Promise<void> {
  const list = Array.isArray(events) ? events : [events];
  if (list.length === 0) return;
  const running = rounds.get(context.tx);
  if (running) {
    running.joined.push(...list);
    for (const subscriber of subscribers.slice(0, running.at + 1)) await subscriber.handle(context, list);
    return;
  }
  const round: Round = { at: 0, joined: [] };
  rounds.set(context.tx, round);
  try {
    for (const [index, subscriber] of subscribers.entries()) {
      round.at = index;
      await subscriber.handle(context, round.joined.length > 0 ? [...list, ...round.joined] : list);
    }
  } finally {
    rounds.delete(context.tx);
  }
}
