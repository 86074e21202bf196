/**
 * The webhook receiver of bench/emulator-load.ts, alone in a child process so it takes neither the
 * emulator's CPU nor the load generator's. It checks `X-Hub-Signature-256` of every POST over the
 * raw bytes (as Meta asks receivers to), counts status updates without parsing the JSON (the
 * `"recipient_id"` of each), and answers 200. The parent asks for the counts and the CPU used over IPC.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const appSecret = process.argv[2] ?? "";
const counts = { statuses: 0, posts: 0, badSignatures: 0, firstAt: 0, lastAt: 0 };
const STATUS = Buffer.from('"recipient_id"');

function countStatuses(body: Buffer): number {
  let n = 0;
  for (let i = body.indexOf(STATUS); i >= 0; i = body.indexOf(STATUS, i + STATUS.length)) n++;
  return n;
}

function signatureOk(body: Buffer, header: string | string[] | undefined): boolean {
  if (typeof header !== "string") return false;
  const expected = Buffer.from(`sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`);
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    counts.posts++;
    if (!signatureOk(body, req.headers["x-hub-signature-256"])) counts.badSignatures++;
    counts.statuses += countStatuses(body);
    counts.lastAt = Date.now();
    if (counts.firstAt === 0) counts.firstAt = counts.lastAt;
    res.writeHead(200).end();
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on("message", (msg: { cmd: string }) => {
  if (msg.cmd === "counts") process.send?.({ counts, cpu: process.cpuUsage(), at: performance.now() });
  else if (msg.cmd === "close") {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
