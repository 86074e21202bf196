/**
 * A local WhatsApp Cloud API: same paths, bodies, error objects and codes as graph.facebook.com,
 * with simulated recipients, signed webhooks, template review, throughput and 24h-window
 * enforcement, and fault injection. Control endpoints live under /_emulator/.
 */
import type { FastifyInstance } from "fastify";
import type { EmulatorConfig, EmulatorConfigInput } from "./config.ts";
import { EmulatorContext, sleep } from "./context.ts";
import { createEmulatorApp } from "./http.ts";
import { type InboundInput, type InboundResult, injectInbound } from "./inbound.ts";
import { loadFromDataDir, saveToDataDir } from "./persistence.ts";
import { registerControlRoutes } from "./routes/control.ts";
import { registerMediaRoutes } from "./routes/media.ts";
import { registerMessageRoutes } from "./routes/messages.ts";
import { registerObjectRoutes } from "./routes/objects.ts";
import { registerPhoneNumberRoutes } from "./routes/phone-numbers.ts";
import { registerTemplateRoutes } from "./routes/templates.ts";
import type { EmulatorState } from "./state.ts";
import type { WebhookSender } from "./webhooks.ts";

export type { InboundInput, InboundMediaInput, InboundResult } from "./inbound.ts";

export interface StartEmulatorOptions extends EmulatorConfigInput {
  /** 0 = random free port (tests). Default 0. */
  port?: number;
  host?: string;
  /** Fastify logger (false by default). */
  logger?: boolean;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:40123 (use as the client's baseUrl) */
  url: string;
  state: EmulatorState;
  /** Current config (a live reference; use setConfig to change it). */
  readonly config: EmulatorConfig;
  setConfig(input: EmulatorConfigInput): EmulatorConfig;
  /** Clears messages, media, windows, webhooks and re-seeds accounts and templates. */
  reset(): void;
  webhooks: WebhookSender;
  /** Resolves when no webhook delivery is pending (or after timeoutMs). */
  drainWebhooks(timeoutMs?: number): Promise<void>;
  /** Programmatic equivalent of POST /_emulator/inbound. */
  injectInbound(input: InboundInput): InboundResult;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startEmulator(options: StartEmulatorOptions = {}): Promise<RunningEmulator> {
  const { port = 0, host = "127.0.0.1", logger = false, ...cfgInput } = options;
  const ctx = new EmulatorContext(cfgInput);
  const app = createEmulatorApp(ctx, logger);
  registerMessageRoutes(app, ctx);
  registerMediaRoutes(app, ctx);
  registerTemplateRoutes(app, ctx);
  registerPhoneNumberRoutes(app, ctx);
  registerObjectRoutes(app, ctx);
  registerControlRoutes(app, ctx);

  loadFromDataDir(ctx);
  const persist = ctx.config.dataDir
    ? setInterval(() => saveToDataDir(ctx), ctx.config.persistIntervalMs).unref()
    : undefined;
  await app.listen({ port, host });
  const addr = app.server.address();
  const actualPort = typeof addr === "object" && addr ? addr.port : port;
  ctx.baseUrl = `http://${host.includes(":") ? `[${host}]` : host}:${actualPort}`;

  return {
    url: ctx.baseUrl,
    state: ctx.state,
    get config() {
      return ctx.config;
    },
    setConfig: (input) => ctx.setConfig(input),
    reset: () => ctx.reset(),
    webhooks: ctx.webhooks,
    async drainWebhooks(timeoutMs = 5_000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end && (ctx.timers.size > 0 || ctx.webhooks.pending() > 0)) await sleep(10);
    },
    injectInbound: (input) => injectInbound(ctx, input),
    app,
    async close() {
      if (persist) clearInterval(persist);
      saveToDataDir(ctx);
      ctx.clearTimers();
      await ctx.webhooks.close();
      await app.close();
    },
  };
}
