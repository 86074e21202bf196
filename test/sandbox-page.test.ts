/**
 * The emulator's sandbox page in a real browser (Debian's Chromium driven by playwright-core),
 * with Charla behind the emulator: what Charla sends shows on the phone, what a person types or
 * taps there reaches Charla.
 */

import { randomInt } from "node:crypto";
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.ts";
import { eventually } from "./support/wait.ts";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

describe("the emulator's sandbox page in Chromium", () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const customer = `54911${randomInt(10_000_000, 99_999_999)}`;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    h = await startHarness("pglite");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const inboundTo = (wamidPrefix: string) =>
    eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        wamid: string;
        type: string;
        content: Record<string, unknown>;
      }[];
      return list.find((m) => m.wamid.startsWith(wamidPrefix) && m.type !== "text");
    });

  it("shows what Charla sends, and carries a typed reply and a button tap back to Charla", async () => {
    const phone = () => page.locator(`.phone[data-customer="${customer}"]`);
    // The customer writes first (the page's own form and composer), so the window is open.
    await page.goto(`${h.sandbox.emulator.url}/_emulator/ui`);
    await page.fill('#new-chat input[name="from"]', customer);
    await page.selectOption("#numbers", h.number.phoneNumberId);
    await page.click('#new-chat button[type="submit"]');
    await phone().locator('input[name="text"]').fill("Hola, ¿tienen stock?");
    await phone().locator('button[type="submit"]').click();
    const typed = await eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        content: { text?: { body: string } };
        contactId: string;
      }[];
      return list.find((m) => m.content.text?.body === "Hola, ¿tienen stock?");
    });
    const contact = (await h.api("GET", `/v1/contacts/${typed.contactId}`)).body;
    expect(contact.phone).toBe(`+${customer}`);

    // Charla answers with text and with reply buttons: both appear on the phone.
    const text = await h.api("POST", "/v1/messages", {
      to: `+${customer}`,
      type: "text",
      text: { body: "Sí, quedan 3 😊" },
    });
    expect(text.status).toBe(202);
    const buttons = await h.api("POST", "/v1/messages", {
      to: `+${customer}`,
      type: "interactive",
      interactive: {
        type: "button",
        body: { text: "¿Te lo reservamos?" },
        action: {
          buttons: [
            { type: "reply", reply: { id: "reserve-yes", title: "Sí, reservar" } },
            { type: "reply", reply: { id: "reserve-no", title: "No, gracias" } },
          ],
        },
      },
    });
    expect(buttons.status, JSON.stringify(buttons.body)).toBe(202);
    await phone().locator(".bubble.out", { hasText: "Sí, quedan 3 😊" }).waitFor({ timeout: 20_000 });
    await phone().locator(".bubble.out", { hasText: "¿Te lo reservamos?" }).waitFor({ timeout: 20_000 });
    // Its statuses show as they come (the emulator reports sent, delivered, read).
    await phone()
      .locator(".bubble.out", { hasText: "Sí, quedan 3 😊" })
      .locator(".status.delivered, .status.read")
      .waitFor({ timeout: 20_000 });

    // Tapping a button sends Meta's button reply, in reply to that message.
    await phone().getByRole("button", { name: "Sí, reservar" }).click();
    const tapped = await inboundTo("wamid.");
    expect(tapped.type).toBe("interactive");
    expect(tapped.content).toMatchObject({
      interactive: { type: "button_reply", button_reply: { id: "reserve-yes" } },
    });

    // The webhook log lists what went to Charla, each with a redelivery button.
    const rows = page.locator("#webhooks tr");
    expect(await rows.count()).toBeGreaterThan(2);
    const before = h.sandbox.emulator.webhooks.deliveries.length;
    await rows.first().getByRole("button", { name: "redeliver" }).click();
    await eventually(async () => (h.sandbox.emulator.webhooks.deliveries.length > before ? true : undefined));

    // A template renders with its parameters (sent straight to the emulator's Graph API).
    const graph = await fetch(`${h.sandbox.emulator.url}/v25.0/${h.number.phoneNumberId}/messages`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${h.sandbox.emulator.config.accessToken}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        messaging_product: "whatsapp",
        to: customer,
        type: "template",
        template: {
          name: "order_update",
          language: { code: "en_US" },
          components: [
            {
              type: "body",
              parameters: [
                { type: "text", text: "Ana" },
                { type: "text", text: "A-77" },
              ],
            },
          ],
        },
      }),
    });
    expect(graph.status).toBe(200);
    await phone()
      .locator(".bubble.out", { hasText: "Hi Ana, your order A-77 is on its way." })
      .waitFor({ timeout: 20_000 });

    // A voice note (no microphone in a headless browser: the page sends its sample tone) reaches Charla as audio.
    await phone().locator('[data-action="voice"]').click();
    const voice = await eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        type: string;
        content: { audio?: { voice?: boolean } };
      }[];
      return list.find((m) => m.type === "audio");
    });
    expect(voice.content.audio?.voice).toBe(true);
    await phone().locator(".bubble.in audio").waitFor({ timeout: 20_000 });

    await page.screenshot({ path: "test-results/sandbox-page.png", fullPage: true });
  }, 120_000);
});
