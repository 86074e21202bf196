import { Agent } from "undici";
import { createWhatsAppClient, type WhatsAppClient } from "./client.ts";

/** Where Charla reaches the Cloud API (Meta or the sandbox emulator), and how it verifies Meta's webhooks. */
export interface GraphSettings {
  baseUrl: string;
  version: string;
  appSecret: string;
  verifyToken: string;
}

export interface Graph extends GraphSettings {
  /** A client for one access token; all clients share one keep-alive pool per host. */
  client(accessToken: string): WhatsAppClient;
  close(): Promise<void>;
}

export function createGraph(settings: GraphSettings): Graph {
  const agent = new Agent({ connections: 128, keepAliveTimeout: 30_000, pipelining: 1 });
  const clients = new Map<string, WhatsAppClient>();
  return {
    ...settings,
    client(accessToken) {
      let client = clients.get(accessToken);
      if (!client) {
        client = createWhatsAppClient({
          baseUrl: settings.baseUrl,
          version: settings.version,
          accessToken,
          dispatcher: agent,
          retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 2_000 },
          timeoutMs: 15_000,
        });
        clients.set(accessToken, client);
      }
      return client;
    },
    async close() {
      clients.clear();
      await agent.close();
    },
  };
}
