import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/modules/accounts/service.ts";
import { launchBrowser, PHONE, SCREENSHOTS, screenshots } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

// The agent inbox in Debian's Chromium against a real Charla (PGlite + sandbox): two agents in two
// browser contexts see each other's work live, and an agent on a phone answers a sandbox customer.
describe("inbox end to end", () => {
  let world: PortalWorld;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const problems: string[] = [];
  const beto = { email: "beto.agent@e2e.test", password: "beto password 123" };
  const url = (path: string) => `${world.h.url}${path}`;
  const emulator = (path: string, init?: RequestInit) =>
    fetch(`${world.h.sandbox.emulator.url}${path}`, init);

  async function inject(from: string, text: string, profileName: string) {
    const response = await emulator("/_emulator/inbound", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ from, to: world.h.number.phoneNumberId, text, profileName }),
    });
    expect(response.ok).toBe(true);
  }

  /** The emulator's record of what Charla sent to a customer (Meta's side of the conversation). */
  async function sentTo(waId: string): Promise<string[]> {
    const response = await emulator(`/_emulator/messages?to=${waId}`);
    const { data } = (await response.json()) as { data: { body: { text?: { body?: string } } }[] };
    return data.map((message) => message.body.text?.body ?? "");
  }

  async function conversationOf(phone: string): Promise<string> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const list = await world.h.api("GET", "/v1/conversations");
      const found = list.body.data.find((c: { contact: { phone: string } }) => c.contact.phone === phone);
      if (found) return found.id;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`no conversation with ${phone}`);
  }

  async function agentPage(
    who: { email: string; password: string },
    viewport = { width: 1280, height: 800 },
  ) {
    const context = await browser.newContext({ locale: "en-US", viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    contexts.push(context);
    pages.push(page);
    await page.goto(url("/sign-in"));
    await page.getByLabel(/^Email/).fill(who.email);
    await page.getByLabel(/^Password/).fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
    return page;
  }

  const live = (page: Page) => page.locator('[data-testid="stream-state"][data-state="live"]').waitFor();
  const timeline = (page: Page) => page.getByRole("log", { name: "Messages and notes" });

  beforeAll(async () => {
    [world, browser] = await Promise.all([startPortalWorld(), launchBrowser()]);
    await createUser(
      world.h.charla.services.database.db,
      { tenantId: world.h.tenant.id, name: "Beto Agent", role: "agent", ...beto },
      { kind: "system" },
    );
  }, 120_000);
  afterEach(async (test) => {
    if (test.task.result?.state !== "fail") return;
    for (const [index, page] of pages.entries()) {
      await page.screenshot({ path: `${SCREENSHOTS}failed-inbox-${index}.png` }).catch(() => {});
      console.error(
        `page ${index} at ${page.url()}:\n${(await page.locator("#root").innerText()).slice(0, 1200)}`,
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("two agents see each other's assignment, note and reply live; a late take says who won", async () => {
    const id = await conversationOf("+5491155550002");
    const [ana, agent] = await Promise.all([agentPage(world.admin), agentPage(beto)]);
    for (const page of [ana, agent]) {
      await page.goto(url(`/conversations/${id}`));
      await timeline(page).getByText("¿Dónde está mi pedido?").waitFor();
      await live(page);
    }
    problems.push(...(await screenshots(ana, "inbox-conversation")));

    // Ana takes it: Beto's page shows it assigned to her without reloading.
    await ana.getByRole("button", { name: "Take", exact: true }).click();
    await ana.getByTestId("assignee").getByText("Assigned to Ana Admin").waitFor();
    await agent.getByTestId("assignee").getByText("Assigned to Ana Admin").waitFor({ timeout: 5_000 });

    // Beto writes a private note mentioning Ana: it appears on her page.
    await agent.locator("label", { hasText: "Private note" }).click();
    const note = agent.getByLabel("Note", { exact: true });
    await note.fill("@ana");
    await agent.getByRole("option", { name: /Ana Admin/ }).click();
    await note.press("End");
    await note.pressSequentially("can you check the order?");
    await note.press("Enter");
    await timeline(ana).getByText("can you check the order?").waitFor({ timeout: 5_000 });
    await ana.getByText("You were mentioned in a note. Click to open it.").waitFor({ timeout: 5_000 });

    // Ana answers the customer: Beto sees the reply and its ticks; the customer's phone (the emulator) gets it.
    await ana.getByLabel("Message", { exact: true }).fill("Hola Bruno, ya lo reviso");
    await ana.getByRole("button", { name: "Send" }).click();
    await timeline(agent).getByText("Hola Bruno, ya lo reviso").waitFor({ timeout: 5_000 });
    await expect
      .poll(() => sentTo("5491155550002"), { timeout: 15_000 })
      .toContain("Hola Bruno, ya lo reviso");
    const reply = timeline(agent).locator("[data-direction=outbound]", { hasText: "Hola Bruno" });
    await reply.locator('[data-status="delivered"], [data-status="read"]').waitFor({ timeout: 15_000 });

    // A second customer: Beto's page misses the live update (its stream is cut), so his take comes
    // too late; the 409 is shown as who won.
    await inject("5491155550004", "¿Abren el domingo?", "Dora");
    const second = await conversationOf("+5491155550004");
    await agent.route("**/v1/events/stream**", (route) => route.abort());
    await agent.goto(url(`/conversations/${second}`));
    await agent.getByRole("button", { name: "Take", exact: true }).waitFor();
    await ana.goto(url(`/conversations/${second}`));
    await ana.getByRole("button", { name: "Take", exact: true }).click();
    await ana.getByTestId("assignee").getByText("Assigned to Ana Admin").waitFor();
    await agent.getByRole("button", { name: "Take", exact: true }).click();
    await agent.getByText("Ana Admin took this conversation first.").waitFor();
    await agent.getByTestId("assignee").getByText("Assigned to Ana Admin").waitFor();
    await agent.unroute("**/v1/events/stream**");
  }, 150_000);

  it("an agent on a phone answers a sandbox customer", async () => {
    const phone = await agentPage(beto, PHONE);
    await inject("5491155550003", "Hola, ¿tienen envío a Rosario?", "Carla");
    await phone.goto(url("/conversations"));
    await live(phone);
    // The list alone fills the phone; the new customer appears in it live.
    const item = phone.getByRole("link", { name: /Carla/ });
    await item.waitFor({ timeout: 10_000 });
    problems.push(...(await screenshots(phone, "inbox-list")));
    await phone.setViewportSize(PHONE);
    // Opening it marks the customer's messages read (the blue ticks on their phone come from Meta).
    const [read] = await Promise.all([
      phone.waitForResponse(
        (r) => r.request().method() === "PATCH" && (r.request().postData() ?? "").includes('"read":true'),
      ),
      item.click(),
    ]);
    expect(read.status()).toBe(200);
    await timeline(phone).getByText("Hola, ¿tienen envío a Rosario?").waitFor();
    expect(await phone.getByRole("navigation", { name: "Conversations" }).count()).toBe(0);
    await phone.getByRole("button", { name: "Take", exact: true }).click();
    await phone.getByTestId("assignee").getByText("Assigned to Beto Agent").waitFor();
    // While the agent types, the customer sees Meta's typing indicator.
    await phone.getByLabel("Message", { exact: true }).pressSequentially("¡Sí! Enviamos a Rosario en 48 h.");
    await expect
      .poll(async () => JSON.stringify(await (await emulator("/_emulator/typing")).json()), {
        timeout: 10_000,
      })
      .toContain("5491155550003");
    await phone.getByRole("button", { name: "Send" }).click();
    await expect
      .poll(() => sentTo("5491155550003"), { timeout: 15_000 })
      .toContain("¡Sí! Enviamos a Rosario en 48 h.");
    const reply = timeline(phone).locator("[data-direction=outbound]", { hasText: "Enviamos a Rosario" });
    await reply.locator('[data-status="delivered"], [data-status="read"]').waitFor({ timeout: 15_000 });
    problems.push(...(await screenshots(phone, "inbox-phone-conversation")));
    await phone.setViewportSize(PHONE);
    await phone.getByRole("link", { name: "Back to the list" }).click();
    await phone.getByRole("link", { name: /Carla/ }).waitFor();
  }, 120_000);

  it("is an installable app: manifest, icons and service worker, served with their types", async () => {
    const page = pages[0]!;
    const manifest = await page.request.get(url("/manifest.webmanifest"));
    expect(manifest.headers()["content-type"]).toMatch(/^application\/manifest\+json/);
    const body = (await manifest.json()) as {
      display: string;
      start_url: string;
      icons: { src: string; sizes: string }[];
    };
    expect(body.display).toBe("standalone");
    expect(body.icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    for (const icon of body.icons) {
      const file = await page.request.get(url(icon.src));
      expect(file.status(), icon.src).toBe(200);
    }
    const worker = await page.request.get(url("/sw.js"));
    expect(worker.headers()["content-type"]).toMatch(/javascript/);
    await page.goto(url("/conversations"));
    const scope = await page.evaluate<string>("navigator.serviceWorker.ready.then((r) => r.scope)");
    expect(scope).toBe(url("/"));
  }, 60_000);

  it("finds no serious or critical accessibility violation and no sideways scrolling", () => {
    expect(problems).toEqual([]);
  });
});
