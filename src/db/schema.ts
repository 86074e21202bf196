// Every module's tables, in one place for Drizzle (queries with relations and drizzle-kit).
export * from "../modules/accounts/auth-schema.ts";
export * from "../modules/accounts/schema.ts";
export * from "../modules/activation/schema.ts";
export * from "../modules/analytics/schema.ts";
export * from "../modules/audiences/schema.ts";
export * from "../modules/billing/schema.ts";
export * from "../modules/bots/schema.ts";
export * from "../modules/campaigns/schema.ts";
export * from "../modules/contacts/schema.ts";
export * from "../modules/conversations/schema.ts";
export * from "../modules/csat/schema.ts";
export * from "../modules/messages/schema.ts";
export * from "../modules/numbers/schema.ts";
export * from "../modules/push/schema.ts";
export * from "../modules/realtime/schema.ts";
export * from "../modules/templates/schema.ts";
export * from "../modules/webhooks/schema.ts";
