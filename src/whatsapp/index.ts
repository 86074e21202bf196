export * from "./client.ts";
export * from "./errors.ts";
export * from "./types.ts";
export * from "./webhook.ts";
