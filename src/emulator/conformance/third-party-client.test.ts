/**
 * A real third-party Cloud API client from npm, whatsapp-api-js, pointed at the emulator (its
 * fetch ponyfill sends graph.facebook.com's URLs to the emulator, nothing else changes), with its
 * own webhook handler, signature check included, as the receiver.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WhatsAppAPI } from "whatsapp-api-js";
import { Image, Location, Reaction, Text, Video } from "whatsapp-api-js/messages";
import { Contacts, Name, Phone } from "whatsapp-api-js/messages/contacts";
import {
  ActionButtons,
  ActionList,
  Body,
  Button,
  Interactive,
  ListSection,
  Row,
} from "whatsapp-api-js/messages/interactive";
import { Audio, Document, Sticker } from "whatsapp-api-js/messages/media";
import { BodyComponent, BodyParameter, Template } from "whatsapp-api-js/messages/template";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, DEFAULT_VERIFY_TOKEN, DEFAULT_WABAS } from "../config.ts";
import { type RunningEmulator, startEmulator } from "../server.ts";

const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const USER = "5491155556666";

interface Seen {
  messages: { id: string; type: string; from: string; text?: string }[];
  statuses: { id: string; status: string }[];
  rejected: number;
}

let emu: RunningEmulator;
let wa: WhatsAppAPI;
let receiver: Server;
const seen: Seen = { messages: [], statuses: [], rejected: 0 };

async function until(check: () => boolean, what: string) {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  emu = await startEmulator({ statusDelaysMs: { sent: 5, delivered: 10, read: 15 } });
  wa = new WhatsAppAPI({
    token: DEFAULT_ACCESS_TOKEN,
    appSecret: DEFAULT_APP_SECRET,
    webhookVerifyToken: DEFAULT_VERIFY_TOKEN,
    v: "v25.0",
    ponyfill: {
      fetch: (url: string | URL | Request, init?: RequestInit) =>
        fetch(String(url).replace("https://graph.facebook.com", emu.url), init),
    },
  });
  wa.on.message = ({ message }) => {
    const m = message as { id: string; type: string; from: string; text?: { body: string } };
    seen.messages.push({ id: m.id, type: m.type, from: m.from, ...(m.text ? { text: m.text.body } : {}) });
  };
  wa.on.status = ({ id, status }) => {
    seen.statuses.push({ id, status });
  };
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      try {
        await wa.post(JSON.parse(raw), raw, String(req.headers["x-hub-signature-256"]));
        res.writeHead(200).end();
      } catch {
        seen.rejected++;
        res.writeHead(401).end();
      }
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  emu.setConfig({ webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/` });
});
afterAll(async () => {
  await emu?.close();
  await new Promise((r) => receiver?.close(r));
});

describe("whatsapp-api-js against the emulator", () => {
  it("receives a user's message with accents and emoji through its own signature check", async () => {
    const { id } = emu.injectInbound({ from: USER, to: PN, text: "¿Me ayudás? 🙏" });
    await until(() => seen.messages.some((m) => m.id === id), "the inbound message");
    expect(seen.messages.find((m) => m.id === id)).toEqual({
      id,
      type: "text",
      from: USER,
      text: "¿Me ayudás? 🙏",
    });
    expect(seen.rejected).toBe(0);
  });

  it("sends every message type and follows their statuses", async () => {
    const inbound = emu.injectInbound({ from: USER, to: PN, text: "hola" });
    const form = new FormData();
    form.set(
      "file",
      new Blob([new Uint8Array([0x25, 0x50, 0x44, 0x46])], { type: "application/pdf" }),
      "a.pdf",
    );
    const uploaded = (await wa.uploadMedia(PN, form)) as { id: string };
    expect(uploaded.id).toMatch(/^\d+$/);
    const messages = [
      new Text("¡Hola! ¿Qué tal?"),
      new Image("https://example.com/a.jpg", false, "una foto"),
      new Document(uploaded.id, true, "factura", "a.pdf"),
      new Audio("https://example.com/a.ogg"),
      new Video("https://example.com/a.mp4"),
      new Sticker("https://example.com/a.webp"),
      new Location(-58.38, -34.6, "Obelisco", "Buenos Aires"),
      new Reaction(inbound.id, "👍"),
      new Contacts([new Name("Ana Ruiz", "Ana"), new Phone("+5491100000000", "CELL")]),
      new Interactive(
        new ActionButtons(new Button("yes", "Sí"), new Button("no", "No")),
        new Body("¿Confirmás?"),
      ),
      new Interactive(
        new ActionList("Ver", new ListSection("Talles", new Row("m", "M"), new Row("l", "L"))),
        new Body("Elegí"),
      ),
      new Template("hello_world", "en_US"),
      new Template(
        "order_update",
        "en_US",
        new BodyComponent(new BodyParameter("Ana"), new BodyParameter("A-1")),
      ),
    ];
    const ids: string[] = [];
    for (const message of messages) {
      const r = (await wa.sendMessage(PN, USER, message)) as { messages?: { id: string }[]; error?: unknown };
      expect(r.error, JSON.stringify(r.error)).toBeUndefined();
      ids.push(r.messages![0]!.id);
    }
    await until(
      () => ids.every((id) => seen.statuses.some((s) => s.id === id && s.status === "read")),
      "read statuses",
    );
    expect(seen.rejected).toBe(0);
  });

  it("reads, shows typing, and handles media: retrieve, download, delete", async () => {
    const inbound = emu.injectInbound({ from: USER, to: PN, text: "¿stock?" });
    expect(await wa.markAsRead(PN, inbound.id, "text")).toEqual({ success: true });
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" }), "p.png");
    const { id } = (await wa.uploadMedia(PN, form)) as { id: string };
    const media = (await wa.retrieveMedia(id, PN)) as unknown as {
      url: string;
      mime_type: string;
      file_size: number;
    };
    expect(media).toMatchObject({ mime_type: "image/png", file_size: 3 });
    const file = await wa.fetchMedia(media.url.replace(emu.url, "https://graph.facebook.com"));
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(await wa.deleteMedia(id, PN)).toEqual({ success: true });
  });

  it("answers Meta's verification handshake through its get()", () => {
    const challenge = wa.get({
      "hub.mode": "subscribe",
      "hub.verify_token": DEFAULT_VERIFY_TOKEN,
      "hub.challenge": "1158201444",
    });
    expect(challenge).toBe("1158201444");
  });
});
