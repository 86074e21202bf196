/**
 * Test helper: a tiny webhook receiver on a random port that verifies signatures the way
 * Charla's real receiver must, and collects parsed events.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import type { WebhookEvent } from "../whatsapp/types.ts";
import { parseWebhook, verifyHandshake, verifySignature } from "../whatsapp/webhook.ts";

export interface CollectedDelivery {
  headers: IncomingHttpHeaders;
  raw: Buffer;
  signatureValid: boolean;
  events: WebhookEvent[];
  /** answered with this HTTP status */
  answered: number;
  /** when it arrived (epoch ms) */
  at: number;
}

export interface WebhookCollector {
  url: string;
  deliveries: CollectedDelivery[];
  /** every event of every validly signed delivery, in arrival order */
  events(): WebhookEvent[];
  /** Resolves with the events once predicate(events) is true; rejects after timeoutMs. */
  waitFor(predicate: (events: WebhookEvent[]) => boolean, timeoutMs?: number): Promise<WebhookEvent[]>;
  /** Answer the next n deliveries with 500 (to exercise retries). */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startWebhookCollector(opts: {
  appSecret: string;
  verifyToken?: string;
}): Promise<WebhookCollector> {
  const deliveries: CollectedDelivery[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    if (req.method === "GET") {
      const q = new URL(req.url ?? "/", "http://x").searchParams;
      const challenge = verifyHandshake(q, opts.verifyToken ?? "");
      res.writeHead(challenge === null ? 403 : 200, { "content-type": "text/plain" });
      res.end(challenge ?? "forbidden");
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const header = req.headers["x-hub-signature-256"];
      const signatureValid = verifySignature(
        raw,
        typeof header === "string" ? header : undefined,
        opts.appSecret,
      );
      let events: WebhookEvent[] = [];
      let status = 200;
      if (failures > 0) {
        failures--;
        status = 500;
      } else if (!signatureValid) {
        status = 401;
      } else {
        try {
          events = parseWebhook(JSON.parse(raw.toString("utf8")));
        } catch {
          status = 400;
        }
      }
      deliveries.push({
        headers: req.headers,
        raw,
        signatureValid,
        events,
        answered: status,
        at: Date.now(),
      });
      res.writeHead(status);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const events = () => deliveries.filter((d) => d.answered === 200).flatMap((d) => d.events);
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    deliveries,
    events,
    async waitFor(predicate, timeoutMs = 5_000) {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const ev = events();
        if (predicate(ev)) return ev;
        if (Date.now() > end) throw new Error(`waitFor timed out; got ${ev.length} events`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    failNext(n) {
      failures = n;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
