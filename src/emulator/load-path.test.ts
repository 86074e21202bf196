/**
 * The shortcuts the send path takes under load keep its results exact: the country of a number
 * without a parse, the one timer that runs every due status, and webhook POSTs from delivery
 * threads (signed, retried, counted like the emulator's own).
 */
import fc from "fast-check";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, DEFAULT_WABAS } from "./config.ts";
import { countryOf } from "./rules/marketing.ts";
import { Scheduler } from "./scheduler.ts";
import { type RunningEmulator, startEmulator } from "./server.ts";
import { startWebhookCollector, type WebhookCollector } from "./testing.ts";

describe("countryOf", () => {
  it("gives the country libphonenumber's parse gives, for any digits", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{0,19}$/), (waId) => {
        expect(countryOf(waId)).toBe(parsePhoneNumberFromString(`+${waId}`)?.country);
      }),
      { numRuns: 20_000 },
    );
    for (const [waId, country] of [
      ["5491170000001", "AR"],
      ["34600000000", "ES"],
      ["80012345678", undefined],
    ] as const)
      expect(countryOf(waId)).toBe(country);
  });
});

describe("Scheduler", () => {
  it("runs tasks by due time, ties in the order they came, and none after clear", async () => {
    const s = new Scheduler();
    const ran: string[] = [];
    const now = Date.now();
    s.at(now + 30, () => ran.push("c"));
    s.at(now + 10, () => ran.push("a1"));
    s.at(now + 10, () => ran.push("a2"));
    s.at(now + 20, () => {
      ran.push("b");
      s.after(0, () => ran.push("b-next"));
    });
    s.at(now - 1000, () => ran.push("late"));
    for (let i = 0; i < 200; i++) s.at(now + 5 + ((i * 37) % 20), () => ran.push(`n${(i * 37) % 20}`));
    expect(s.size).toBe(205);
    const end = Date.now() + 5_000;
    while (s.size > 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
    const named = ran.filter((x) => !x.startsWith("n"));
    // A task scheduled while the due ones run waits for the next tick, even when due at once.
    expect(named.filter((x) => x !== "b-next")).toEqual(["late", "a1", "a2", "b", "c"]);
    expect(named.indexOf("b-next")).toBeGreaterThan(named.indexOf("b"));
    const ns = ran.filter((x) => x.startsWith("n")).map((x) => Number(x.slice(1)));
    expect(ns).toEqual([...ns].sort((x, y) => x - y));
    expect(s.size).toBe(0);
    s.after(5, () => ran.push("cleared"));
    s.clear();
    await new Promise((r) => setTimeout(r, 20));
    expect(ran).not.toContain("cleared");
  });

  it("runs a NaN time at once, never runs +Infinity, and waits past Node's 24.8-day timer limit", async () => {
    const s = new Scheduler();
    const ran: string[] = [];
    s.at(Number.POSITIVE_INFINITY, () => ran.push("never"));
    s.at(Date.now() + 40 * 86_400_000, () => ran.push("in 40 days"));
    s.at(Number.NaN, () => ran.push("now"));
    await new Promise((r) => setTimeout(r, 50));
    expect(ran).toEqual(["now"]);
    expect(s.size).toBe(2);
    s.clear();
  });
});

describe("webhook delivery threads", () => {
  let emu: RunningEmulator | undefined;
  let hook: WebhookCollector | undefined;
  afterEach(async () => {
    await emu?.close();
    await hook?.close();
  });

  it("deliver every status signed over its exact bytes, and retry what the receiver refused", async () => {
    hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
    hook.failNext(3);
    emu = await startEmulator({
      webhookUrl: hook.url,
      statusDelaysMs: { sent: 0, delivered: 5, read: 10 },
      enforceWindow: false,
      webhookDelivery: { workers: 2, baseDelayMs: 20 },
    });
    const pn = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${emu.url}/v25.0/${pn}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({
          messaging_product: "whatsapp",
          to: `54911700000${i}`,
          text: { body: "¡olá ✓" },
        }),
      });
      ids.push(((await res.json()) as { messages: { id: string }[] }).messages[0]!.id);
    }
    const events = await hook.waitFor((ev) => ev.length === 60, 10_000);
    expect(new Set(events.map((e) => JSON.stringify(e))).size).toBe(60);
    expect(hook.deliveries.every((d) => d.signatureValid)).toBe(true);
    // ASCII-only bytes, as Meta sends them, and those are the bytes signed.
    expect(hook.deliveries.every((d) => d.raw.every((byte) => byte < 0x80))).toBe(true);
    expect(hook.deliveries.map((d) => d.answered).filter((s) => s === 500)).toHaveLength(3);
    await emu.drainWebhooks();
    const log = emu.webhooks.deliveries;
    expect(log).toHaveLength(60);
    expect(log.every((d) => d.status === "delivered")).toBe(true);
    expect(log.filter((d) => d.attempts > 1)).toHaveLength(3);
    expect(log.find((d) => d.attempts > 1)?.lastStatusCode).toBe(200);
  });
});
