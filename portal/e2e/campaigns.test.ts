import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureWallet, topUp } from "../../src/modules/billing/index.ts";
import { launchBrowser, SCREENSHOTS, screenshots } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

// A marketer's campaign in Debian's Chromium against a real Charla (PGlite + sandbox): the wizard
// (audience, template variables with the phone preview, schedule, review with the estimate), the
// launch, and the detail page's counters moving live over Server-Sent Events.
describe("campaigns end to end", () => {
  let world: PortalWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const url = (path: string) => `${world.h.url}${path}`;
  const field = (label: string) =>
    page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`)).first();

  beforeAll(async () => {
    [world, browser] = await Promise.all([startPortalWorld(), launchBrowser()]);
    const { h } = world;
    // A wallet in US dollars: the estimate and the campaign's cost are shown as money in it.
    const { db } = h.charla.services.database;
    await configureWallet(db, h.tenant.id, { currency: "USD" });
    await db.transaction((tx) =>
      topUp(
        { boss: h.charla.services.boss, tx },
        { tenantId: h.tenant.id, amountMicros: 50_000_000, key: "e2e", reference: "e2e", author: "e2e" },
      ),
    );
    for (const n of [1, 2, 3])
      await h.api("POST", "/v1/contacts", {
        phone: `+549115556000${n}`,
        name: n === 2 ? undefined : `Cliente ${n}`,
        optIn: { source: "web_form" },
      });
    await h.api("POST", "/v1/contacts", { phone: "+5491155560009", name: "Sin consentimiento" });
    const segment = await h.api("POST", "/v1/segments", {
      name: "Everyone",
      rules: { op: "and", rules: [] },
    });
    if (segment.status !== 201) throw new Error(`segment: ${JSON.stringify(segment.body)}`);
    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("goes from the wizard to a delivered campaign with live counters", { timeout: 180_000 }, async () => {
    const problems: string[] = [];
    await page.goto(url("/"));
    await page.waitForURL("**/sign-in");
    await field("Email").fill(world.admin.email);
    await field("Password").fill(world.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome/ }).waitFor();

    await page.getByRole("link", { name: "Campaigns" }).first().click();
    await page.getByRole("link", { name: "New campaign" }).click();
    await field("Name").fill("Pedidos listos");
    await field("Segments").click({ force: true });
    await page.getByRole("option", { name: "Everyone" }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Next" }).click();

    await field("Approved template").click();
    await page.getByRole("option", { name: "order_update (en_US)" }).click();
    await field("Variable 1: Contact field").fill("name");
    await field("Variable 1: Fallback").fill("cliente");
    await field("Variable 2: Fallback").fill("A-1");
    await page
      .getByTestId("template-preview")
      .getByText("Hi cliente, your order A-1 is on its way.")
      .waitFor();
    problems.push(...(await screenshots(page, "campaign-wizard-template")));
    await page.getByRole("button", { name: "Next" }).click();

    await page.getByLabel("Quiet hours in each contact's local time").uncheck();
    await page.getByRole("button", { name: "Next" }).click();
    await page.getByRole("button", { name: "Save and estimate" }).click();
    await expect.poll(() => page.getByTestId("estimate-sendable").textContent()).toBe("4");
    // Ana (the world's contact) and three more are opted in; the rest have no opt-in.
    expect(Number(await page.getByTestId("excluded-no_opt_in").textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId("estimate-total").textContent()).toMatch(/^\$\d+\.\d{2}$/);
    problems.push(...(await screenshots(page, "campaign-wizard-review")));
    await page.getByRole("button", { name: "Launch" }).click();

    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    await page.getByText("Live", { exact: true }).waitFor();
    await expect
      .poll(() => page.getByTestId("counter-delivered").locator("p").last().textContent(), {
        timeout: 60_000,
      })
      .toBe("4");
    await page.getByTestId("campaign-status").getByText("Completed").waitFor();
    await page.getByText("No opt-in").first().waitFor();
    await expect.poll(() => page.getByTestId("campaign-cost").textContent()).toMatch(/^\$\d+\.\d{2}$/);
    problems.push(...(await screenshots(page, "campaign-detail")));

    await page.getByRole("link", { name: "Campaigns" }).first().click();
    await page.getByRole("link", { name: "Pedidos listos" }).waitFor();
    problems.push(...(await screenshots(page, "campaigns-list")));
    expect(problems, `see ${SCREENSHOTS}`).toEqual([]);
  });
});
