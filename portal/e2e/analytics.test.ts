import { readFile } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, SCREENSHOTS, screenshots } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

// The analytics dashboard in Debian's Chromium against a real Charla (PGlite + sandbox): messages
// sent through the sandbox move today's counters over Server-Sent Events without a reload; a report
// over a picked date range, its breakdown, and its CSV downloaded.
describe("analytics end to end", () => {
  let world: PortalWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const url = (path: string) => `${world.h.url}${path}`;
  const field = (label: string) =>
    page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`)).first();
  const count = async (testId: string) =>
    Number((await page.getByTestId(testId).textContent())?.replace(/[^\d]/g, "") || "0");

  beforeAll(async () => {
    [world, browser] = await Promise.all([startPortalWorld(), launchBrowser()]);
    context = await browser.newContext({
      locale: "en-US",
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    // Generous: eight helpers share two cores while this runs.
    page.setDefaultTimeout(60_000);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("shows today's counters moving live, then a report with a date range and its CSV", {
    timeout: 420_000,
  }, async () => {
    const problems: string[] = [];
    await page.goto(url("/"));
    await page.waitForURL("**/sign-in");
    await field("Email").fill(world.admin.email);
    await field("Password").fill(world.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome/ }).waitFor();

    await page.getByRole("link", { name: "Dashboard" }).first().click();
    await page.getByTestId("live-state").getByText("Live", { exact: true }).waitFor();
    const sentBefore = await count("today-sent");
    const deliveredBefore = await count("today-delivered");
    // Marks this document: a reload would lose it.
    await page.evaluate("window.__noReload = true");

    // Bruno wrote in the world's setup, so his 24-hour window is open for text messages.
    for (const body of ["Tu pedido salió", "Llega mañana", "¡Gracias por tu compra!"]) {
      const sent = await world.h.api("POST", "/v1/messages", {
        to: "+5491155550002",
        type: "text",
        text: { body },
      });
      expect(sent.status).toBe(202);
    }
    await expect.poll(() => count("today-sent"), { timeout: 60_000 }).toBe(sentBefore + 3);
    await expect.poll(() => count("today-delivered"), { timeout: 60_000 }).toBe(deliveredBefore + 3);
    expect(await page.evaluate("window.__noReload === true")).toBe(true);
    expect(await page.getByTestId("delivery-rate").textContent()).toMatch(/%$/);
    problems.push(...(await screenshots(page, "analytics-dashboard")));

    await page.getByRole("link", { name: "Reports" }).click();
    await page.waitForURL("**/analytics/reports");
    // Today alone: the first click starts the range, the second ends it on the same day.
    await field("Dates").click();
    await page.locator("button[data-today]").first().click();
    await page.locator("button[data-today]").first().click();
    await page.keyboard.press("Escape");
    const today = new Date();
    const from = new Date(today.getFullYear(), today.getMonth(), today.getDate()).toISOString();
    await expect
      .poll(() => page.getByTestId("messages-csv").getAttribute("href"))
      .toContain(`from=${encodeURIComponent(from)}`);
    await expect.poll(() => count("total-sent"), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await page.getByTestId("breakdown-table").waitFor();
    // One report card draws the breakdown, agents and bots: the breakdown has today's number.
    expect(await page.getByTestId("breakdown-table").locator("tbody tr").count()).toBeGreaterThan(0);
    problems.push(...(await screenshots(page, "analytics-reports")));

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("messages-csv").click(),
    ]);
    const csv = await readFile((await download.path()) as string, "utf8");
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    // Money columns say what they hold: micro-units of the wallet currency.
    expect(header?.split(",")).toEqual([
      "start",
      "sent",
      "delivered",
      "read",
      "failed",
      "replies",
      "cost_micros",
      "markup_micros",
    ]);
    const sentInCsv = rows.reduce((sum, row) => sum + Number(row.split(",")[1]), 0);
    expect(sentInCsv).toBeGreaterThanOrEqual(3);
    expect(problems, `see ${SCREENSHOTS}`).toEqual([]);
  });
});
