// Every module's tables, in one place for Drizzle (queries with relations and drizzle-kit).
export * from "../modules/accounts/schema.ts";
