/**
 * How the emulator's webhook POSTs leave: from its own thread (`webhookDelivery.workers` 0, the
 * default) or from delivery threads (`workers` > 0), which take the sockets, the HMAC signing and
 * the response parsing off the thread that answers Graph calls. Either way the caller gets each
 * POST's HTTP status (0 and an error message when it did not get one).
 */
import { Worker } from "node:worker_threads";
import { Agent, request } from "undici";
import { signPayload } from "../whatsapp/webhook.ts";

/** [delivery id, url, body, app secret, timeout ms] */
export type DeliveryJob = [number, string, string, string, number];
/** [delivery id, HTTP status (0: none), error message] */
export type DeliveryResult = [number, number, string | undefined];
export type OnResult = (statusCode: number, error: string | undefined) => void;

export interface WebhookTransport {
  post(job: DeliveryJob, onResult: OnResult): void;
  close(): Promise<void>;
}

export interface TransportOptions {
  workers: number;
  connections: number;
  pipelining: number;
}

class InProcessTransport implements WebhookTransport {
  private readonly agent: Agent;

  constructor(options: TransportOptions) {
    this.agent = new Agent({
      connections: options.connections,
      pipelining: options.pipelining,
      keepAliveTimeout: 10_000,
    });
  }

  post([, url, body, secret, timeoutMs]: DeliveryJob, onResult: OnResult): void {
    request(url, {
      method: "POST",
      dispatcher: this.agent,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": signPayload(body, secret),
        "user-agent": "facebookexternalua",
      },
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    })
      .then(async (res) => {
        await res.body.dump();
        onResult(res.statusCode, undefined);
      })
      .catch((error: Error) => onResult(0, error.message));
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Delivery threads, each with its own connections; jobs are dealt round robin, one message per turn. */
class WorkerTransport implements WebhookTransport {
  private readonly workers: Worker[];
  private readonly queues: DeliveryJob[][];
  private readonly waiting = new Map<number, OnResult>();
  private next = 0;
  private flushing = false;

  constructor(options: TransportOptions) {
    this.workers = Array.from({ length: options.workers }, () => {
      const worker = new Worker(new URL("./webhook-worker.ts", import.meta.url), {
        workerData: { connections: options.connections, pipelining: options.pipelining },
      });
      worker.on("message", (results: DeliveryResult[]) => {
        for (const [id, statusCode, error] of results) {
          const onResult = this.waiting.get(id);
          this.waiting.delete(id);
          onResult?.(statusCode, error);
        }
      });
      worker.on("error", (error) => this.failAll(error.message));
      return worker;
    });
    this.queues = this.workers.map(() => []);
  }

  post(job: DeliveryJob, onResult: OnResult): void {
    this.waiting.set(job[0], onResult);
    this.queues[this.next]!.push(job);
    this.next = (this.next + 1) % this.queues.length;
    if (!this.flushing) {
      this.flushing = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushing = false;
    this.queues.forEach((jobs, i) => {
      if (jobs.length === 0) return;
      this.workers[i]!.postMessage(jobs);
      this.queues[i] = [];
    });
  }

  /** A delivery thread died: what it held counts as a failed attempt (retried as usual). */
  private failAll(message: string): void {
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const onResult of waiting) onResult(0, message);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.failAll("emulator closed");
  }
}

export function createTransport(options: TransportOptions): WebhookTransport {
  return options.workers > 0 ? new WorkerTransport(options) : new InProcessTransport(options);
}
