import type { ServerResponse } from "node:http";
import { z } from "zod";
import { principalOf } from "../../http/auth.ts";
import type { ModuleRoutes } from "../../http/context.ts";
import { badRequest } from "../../lib/problem.ts";
import { RealtimeHub } from "./hub.ts";
import { type Position, positionOf, type RealtimeRow } from "./service.ts";

const HEARTBEAT_MS = 15_000;

/** Each row is serialised once, however many streams it goes to. */
const frames = new WeakMap<RealtimeRow, string>();
/** The bytes of rows the hub hands to many streams at once (one array): encoded once, written to each. */
const chunks = new WeakMap<readonly RealtimeRow[], Buffer>();

function frame(row: RealtimeRow): string {
  let text = frames.get(row);
  if (text === undefined) {
    const payload = { id: String(row.seq), type: row.type, createdAt: row.createdAt, data: row.data };
    text = `id: ${row.seq}\nevent: ${row.type}\ndata: ${JSON.stringify(payload)}\n\n`;
    frames.set(row, text);
  }
  return text;
}

function chunk(rows: readonly RealtimeRow[]): Buffer {
  let bytes = chunks.get(rows);
  if (bytes === undefined) {
    bytes = Buffer.from(rows.map(frame).join(""));
    chunks.set(rows, bytes);
  }
  return bytes;
}

export const realtimeRoutes: ModuleRoutes = (app, services) => {
  const { db } = services.database;
  const hub = new RealtimeHub(services.database);
  let started: Promise<void> | null = null;
  const open = new Set<ServerResponse>();
  app.addHook("preClose", async () => {
    for (const response of open) response.end();
    open.clear();
    if (started) await started.then(() => hub.stop()).catch(() => {});
  });

  app.get(
    "/events/stream",
    {
      schema: {
        tags: ["realtime"],
        summary:
          "Server-Sent Events: the tenant's messages, statuses, conversations, assignments, notes, presence",
        description:
          "text/event-stream; each event has an id (send it back as the Last-Event-ID header, or ?lastEventId=, to resume without losing any), a type, and JSON data { id, type, createdAt, data }. Signed-in agents also get the events meant for them (mentions, assignments to them). An unknown or expired id is answered with an `event: reset` (reload the state, then go on live).",
        querystring: z.object({ lastEventId: z.string().optional() }),
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const tenantId = principal.tenant.id;
      const userId = principal.session?.user.id ?? null;
      const raw = request.headers["last-event-id"] ?? request.query.lastEventId;
      let resumeFrom: Position | null = null;
      let reset = false;
      if (typeof raw === "string" && raw !== "") {
        if (!/^\d{1,15}$/.test(raw))
          throw badRequest("invalid_event_id", "Last-Event-ID must be an event id");
        resumeFrom = await positionOf(db, tenantId, Number(raw));
        reset = resumeFrom === null;
      }
      started ??= hub.start();
      await started;
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      });
      response.write(`retry: 1000\n${reset ? "event: reset\ndata: {}\n" : ""}\n`);
      open.add(response);
      const heartbeat = setInterval(() => response.write(": ping\n\n"), HEARTBEAT_MS);
      // Rows delivered in one turn of the event loop leave in one write: with hundreds of streams,
      // a write per row and stream is what the fan-out spends its time on.
      let queued: Buffer[] = [];
      const flush = () => {
        const parts = queued;
        queued = [];
        if (parts.length > 0 && !response.destroyed)
          response.write(parts.length === 1 ? parts[0] : Buffer.concat(parts));
      };
      const remove = await hub.add(
        {
          tenantId,
          userId,
          cursor: { xid: 0, seq: 0 },
          send: (rows) => {
            if (queued.length === 0) setImmediate(flush);
            queued.push(chunk(rows));
          },
        },
        resumeFrom,
      );
      const close = () => {
        clearInterval(heartbeat);
        remove();
        open.delete(response);
      };
      request.raw.on("close", close);
      response.on("close", close);
    },
  );
};
