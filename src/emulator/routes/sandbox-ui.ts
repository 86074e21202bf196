/**
 * The sandbox web page (GET /_emulator/ui): simulated customers' phones and the webhook log, as
 * plain HTML and one script (no build step), fed by the JSON control endpoints registered here.
 */
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { buildChats } from "../chats.ts";
import type { EmulatorContext } from "../context.ts";
import { invalidParam, unknownObject } from "../graph-error.ts";

const asset = (name: string) => readFileSync(new URL(`../ui/${name}`, import.meta.url), "utf8");

export function registerSandboxUiRoutes(app: FastifyInstance, ctx: EmulatorContext): void {
  const page = asset("index.html");
  const script = asset("app.js");
  const style = asset("style.css");
  app.get("/_emulator/ui", async (_req, reply) => reply.type("text/html; charset=utf-8").send(page));
  app.get("/_emulator/ui/app.js", async (_req, reply) =>
    reply.type("text/javascript; charset=utf-8").send(script),
  );
  app.get("/_emulator/ui/style.css", async (_req, reply) =>
    reply.type("text/css; charset=utf-8").send(style),
  );

  /** The phones' contents: every conversation, newest first, templates rendered. */
  app.get("/_emulator/chats", async () => ({ data: buildChats(ctx) }));

  /** Media bytes for the page (Graph's download URL needs the token; the sandbox page has none). */
  app.get("/_emulator/media/:id", async (req, reply) => {
    const { id } = req.params as { id: string };
    const media = ctx.state.media.get(id);
    if (!media) throw unknownObject(id);
    return reply.header("content-type", media.mimeType).send(media.data);
  });

  /** Sends a logged webhook again, as a new delivery. */
  app.post("/_emulator/webhooks/:id/redeliver", async (req) => {
    const id = Number((req.params as { id: string }).id);
    const copy = Number.isInteger(id) ? ctx.webhooks.redeliver(id) : undefined;
    if (!copy) throw invalidParam(`No webhook delivery ${String(id)} in the log`);
    return { success: true, delivery: { id: copy.id, status: copy.status } };
  });
}
