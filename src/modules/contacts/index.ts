/** The contacts module's public surface: contacts, E.164 phones, consent and the 24-hour window. */
import type { ModuleRecord } from "../../app/module.ts";
import { contactsRoutes } from "./routes.ts";

export { type BulkConsent, type BulkContact, recordConsentBulk, upsertContactsBulk } from "./bulk.ts";
export { contactsByIds } from "./by-ids.ts";
export {
  contactsForInboundSenders,
  type InboundNote,
  type InboundSender,
  noteInboundMessages,
} from "./inbound.ts";
export { toE164, waIdToE164 } from "./phone.ts";
export {
  BSUID_PATTERN,
  type Contact,
  type ContactOptedOutData,
  type ContactSummary,
  contactForInbound,
  contactSummaries,
  contactsForPhones,
  findContactByPhone,
  findContactByUserId,
  getContact,
  isOptedIn,
  isOptedOut,
  noteInboundMessage,
  recordConsent,
  upsertContact,
  WINDOW_MS,
  windowExpiresAt,
  windowOpen,
} from "./service.ts";

export const contactsModule: ModuleRecord = { name: "contacts", routes: contactsRoutes };

/** The contacts table, for modules that compile filters over it to SQL (audiences' segments). */
export { contacts as contactsTable } from "./schema.ts";
