export * from "./cli.ts";
export * from "./config.ts";
export * from "./server.ts";
export * from "./state.ts";
export * from "./testing.ts";
export * from "./webhooks.ts";
