export { type EventSubscriber, emit, useSubscribers } from "./bus.ts";
export {
  type CustomerEventType,
  customerEventCatalogue,
  type DomainEvent,
  type DomainEventType,
  type EventOf,
  type InternalEventType,
  isCustomerEvent,
  type MetaAccountUpdate,
  type SendRetriedData,
} from "./types.ts";
