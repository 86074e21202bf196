import { type SQL, sql } from "drizzle-orm";
import { conversations } from "./schema.ts";

/** SQL selecting the ids of the tenant's contacts who have a conversation with one business number (segments). */
export function conversationContactIdsSql(tenantId: string, phoneNumberId: string): SQL {
  return sql`select ${conversations.contactId} from ${conversations} where ${conversations.tenantId} = ${tenantId} and ${conversations.phoneNumberId} = ${phoneNumberId}`;
}
