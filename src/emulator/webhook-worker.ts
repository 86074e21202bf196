/**
 * A webhook delivery thread (`webhookDelivery.workers` > 0): signs and POSTs the bodies the main
 * thread serialised, over its own keep-alive connections, and answers with each one's HTTP status
 * or error. Jobs come and results go in batches (one message per event-loop turn), so the main
 * thread keeps the state and the retry schedule while the sockets and HMACs cost it nothing.
 */
import { parentPort, workerData } from "node:worker_threads";
import { Agent } from "undici";
import { type DeliveryJob, type DeliveryResult, postSigned } from "./webhook-transport.ts";

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

parentPort?.on("message", (jobs: DeliveryJob[]) => {
  for (const job of jobs) postSigned(agent, job, (statusCode, error) => report([job[0], statusCode, error]));
});
