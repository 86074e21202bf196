/**
 * A webhook delivery thread (`webhookDelivery.workers` > 0): signs and POSTs the bodies the main
 * thread serialised, over its own keep-alive connections, and answers with each one's HTTP status
 * or error. Jobs come and results go in batches (one message per event-loop turn), so the main
 * thread keeps the state and the retry schedule while the sockets and HMACs cost it nothing.
 */
import { createHmac } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { Agent, request } from "undici";
import type { DeliveryJob, DeliveryResult } from "./webhook-transport.ts";

const { connections, pipelining } = workerData as { connections: number; pipelining: number };
const agent = new Agent({ connections, pipelining, keepAliveTimeout: 10_000 });
let results: DeliveryResult[] = [];

function report(result: DeliveryResult) {
  if (results.length === 0) setImmediate(flush);
  results.push(result);
}

function flush() {
  const batch = results;
  results = [];
  parentPort?.postMessage(batch);
}

async function deliver([id, url, body, secret, timeoutMs]: DeliveryJob) {
  try {
    const res = await request(url, {
      method: "POST",
      dispatcher: agent,
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
        "user-agent": "facebookexternalua",
      },
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await res.body.dump();
    report([id, res.statusCode, undefined]);
  } catch (error) {
    report([id, 0, (error as Error).message]);
  }
}

parentPort?.on("message", (jobs: DeliveryJob[]) => {
  for (const job of jobs) void deliver(job);
});
