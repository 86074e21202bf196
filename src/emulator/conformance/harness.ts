/** An emulator with a webhook collector, and a Graph caller, for the conformance suite. */
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET } from "../config.ts";
import { type RunningEmulator, startEmulator } from "../server.ts";
import { startWebhookCollector, type WebhookCollector } from "../testing.ts";

export interface GraphAnswer {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: Graph bodies are asserted field by field
  body: any;
}

export interface ConformanceRig {
  emu: RunningEmulator;
  hook: WebhookCollector;
  graph(method: string, path: string, body?: unknown): Promise<GraphAnswer>;
  close(): Promise<void>;
}

export async function startRig(): Promise<ConformanceRig> {
  const hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
  const emu = await startEmulator({
    webhookUrl: hook.url,
    statusDelaysMs: { sent: 5, delivered: 10, read: 15 },
    templateReview: { delayMs: 10 },
  });
  return {
    emu,
    hook,
    async graph(method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` };
      let payload: FormData | string | undefined;
      if (body instanceof FormData) payload = body;
      else if (body !== undefined) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(body);
      }
      const res = await fetch(`${emu.url}/v23.0${path}`, {
        method,
        headers,
        ...(payload ? { body: payload } : {}),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await emu.close();
      await hook.close();
    },
  };
}
