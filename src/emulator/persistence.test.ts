import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { StatusEvent } from "../whatsapp/types.ts";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, DEFAULT_WABAS } from "./config.ts";
import { type RunningEmulator, startEmulator } from "./server.ts";
import { startWebhookCollector } from "./testing.ts";

const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const WABA = DEFAULT_WABAS[0]!.id;
const dataDir = mkdtempSync(join(tmpdir(), "charla-emu-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: Graph bodies are asserted field by field
type Json = any;
async function graph(emu: RunningEmulator, method: string, path: string, body?: unknown): Promise<Json> {
  const res = await fetch(`${emu.url}/v25.0${path}`, {
    method,
    headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}

describe("state export and import", () => {
  it("moves messages, media, templates and windows to another emulator", async () => {
    const a = await startEmulator({ statusDelaysMs: { sent: 5, delivered: 10, read: 15 } });
    const b = await startEmulator();
    try {
      const user = "5491177778888";
      a.injectInbound({ from: user, to: PN, image: { data: Buffer.from("foto").toString("base64") } });
      const sent = await graph(a, "POST", `/${PN}/messages`, {
        messaging_product: "whatsapp",
        to: user,
        type: "text",
        text: { body: "¡hola!" },
      });
      await a.drainWebhooks();
      const snapshot = await (await fetch(`${a.url}/_emulator/state`)).json();
      const imported = await fetch(`${b.url}/_emulator/state`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(snapshot),
      });
      expect(await imported.json()).toEqual({ success: true });
      expect(b.state.messages.get(sent.messages[0].id)).toMatchObject({ status: "read", to: user });
      const mediaId = (b.state.inbound[0]!.message.image as { id: string }).id;
      const media = await graph(b, "GET", `/${mediaId}`);
      const file = await fetch(media.url.replace(a.url, b.url), {
        headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}` },
      });
      expect(await file.text()).toBe("foto");
      // The window opened on A is open on B: a free-form reply is accepted and not failed.
      const reply = await graph(b, "POST", `/${PN}/messages`, {
        messaging_product: "whatsapp",
        to: user,
        type: "text",
        text: { body: "sigo aquí" },
      });
      expect(reply.messages[0].id).toMatch(/^wamid\./);
      const bad = await fetch(`${b.url}/_emulator/state`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ version: 99 }),
      });
      expect(bad.status).toBe(400);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe("persistence under dataDir", () => {
  it("survives a restart, and what was under way goes on: statuses, template review, webhooks", async () => {
    const hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
    const options = {
      dataDir,
      webhookUrl: hook.url,
      statusDelaysMs: { sent: 300, delivered: 400, read: 500 },
      templateReview: { delayMs: 300 },
    };
    const first = await startEmulator(options);
    const user = "5491166667777";
    first.injectInbound({ from: user, to: PN, text: "hola" });
    const sent = await graph(first, "POST", `/${PN}/messages`, {
      messaging_product: "whatsapp",
      to: user,
      type: "text",
      text: { body: "ya te respondo" },
    });
    const created = await graph(first, "POST", `/${WABA}/message_templates`, {
      name: "after_restart",
      language: "es",
      category: "UTILITY",
      components: [{ type: "BODY", text: "Pedido listo" }],
    });
    await first.close(); // before any status or review
    const second = await startEmulator(options);
    try {
      const id = sent.messages[0].id;
      const events = await hook.waitFor(
        (e) =>
          e.some((x) => x.kind === "status" && x.messageId === id && x.status === "read") &&
          e.some((x) => x.kind === "template_status" && x.templateId === created.id),
      );
      const statuses = events.filter((x): x is StatusEvent => x.kind === "status" && x.messageId === id);
      expect(statuses.map((s) => s.status)).toEqual(["sent", "delivered", "read"]);
      expect(second.state.templates.get(created.id)?.status).toBe("APPROVED");
    } finally {
      await second.close();
      await hook.close();
    }
  });
});
