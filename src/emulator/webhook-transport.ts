/**
 * How the emulator's webhook POSTs leave: from its own thread (`webhookDelivery.workers` 0, the
 * default) or from delivery threads (`workers` > 0), which take the sockets, the HMAC signing and
 * the response parsing off the thread that answers Graph calls. Either way the caller gets each
 * POST's HTTP status (0 and an error message when it did not get one).
 */
import { Worker } from "node:worker_threads";
import { Agent } from "undici";
import { signPayload } from "../whatsapp/webhook.ts";
import { memoize } from "./memo.ts";

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

const originAndPath = memoize((url: string) => {
  const u = new URL(url);
  return { origin: u.origin, path: `${u.pathname}${u.search}` };
});

/**
 * One signed POST through undici's dispatcher with a handler of our own: only the status is kept
 * and the response body is dropped as it comes (no body stream, no promise per response).
 */
export function postSigned(agent: Agent, [, url, body, secret, timeoutMs]: DeliveryJob, onResult: OnResult) {
  let statusCode = 0;
  let settled = false;
  const settle = (error: string | undefined) => {
    if (settled) return;
    settled = true;
    onResult(statusCode, error);
  };
  try {
    const { origin, path } = originAndPath(url);
    agent.dispatch(
      {
        origin,
        path,
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-hub-signature-256": signPayload(body, secret),
          "user-agent": "facebookexternalua",
        },
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      },
      {
        onRequestStart: () => {},
        onResponseStart: (_controller, status) => {
          statusCode = status;
        },
        onResponseData: () => {},
        onResponseEnd: () => settle(undefined),
        onResponseError: (_controller, error) => settle(error.message),
      },
    );
  } catch (error) {
    settle((error as Error).message); // a malformed URL or a closed agent: a failed attempt
  }
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

  post(job: DeliveryJob, onResult: OnResult): void {
    postSigned(this.agent, job, onResult);
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
