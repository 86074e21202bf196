import { readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../test/support/wait.ts";
import { launchBrowser, SCREENSHOTS, screenshots } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

// Billing in Debian's Chromium against a real Charla (PGlite + sandbox): the platform admin opens a
// wallet, tops it up, imports a rate card, sets a markup and sees the margin; the tenant admin sees
// the low-balance banner, the balance, the ledger and downloads the month's statement.
describe("billing end to end", () => {
  let world: PortalWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${world.h.url}${path}`;
  const field = (label: string) =>
    page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`)).first();
  const tenantRow = () => page.getByRole("row", { name: /Test tenant/ });
  const month = new Date().toISOString().slice(0, 7);

  beforeAll(async () => {
    [world, browser] = await Promise.all([startPortalWorld(), launchBrowser()]);
    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterEach(async (test) => {
    if (test.task.result?.state !== "fail") return;
    await page
      .screenshot({ path: `${SCREENSHOTS}failed-billing-${test.task.name.slice(0, 30)}.png` })
      .catch(() => {});
    console.error(
      `${test.task.name} failed at ${page.url()}:\n${((await page.locator("body").textContent()) ?? "").slice(0, 1500)}`,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function signIn(who: { email: string; password: string }) {
    // Through "/", as a visitor would (the sign-in page returns to where the last user was otherwise).
    await page.goto(url("/"));
    await page.waitForURL("**/sign-in");
    await field("Email").fill(who.email);
    await field("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  }

  it("lets the platform admin open a wallet and credit a top-up once per reference", async () => {
    await signIn(world.platform);
    await page.getByRole("navigation").getByRole("link", { name: "Platform billing" }).click();
    await tenantRow().getByText("No wallet").waitFor();
    await tenantRow().getByRole("button", { name: "Open wallet" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Low-balance threshold").fill("50");
    await dialog.getByRole("button", { name: "Save" }).click();
    await page.getByText("Wallet saved.").waitFor();
    await tenantRow().getByRole("button", { name: "Top up" }).click();
    await dialog.getByLabel(/^Amount/).fill("20");
    await dialog.getByLabel(/^Reference/).fill("INV-E2E-1");
    await dialog.getByRole("button", { name: "Credit the top-up" }).click();
    await page.getByText("Top-up credited.").waitFor();
    await tenantRow().getByText("$20.00").waitFor();
    // The same reference again credits nothing.
    await tenantRow().getByRole("button", { name: "Top up" }).click();
    await dialog.getByLabel(/^Amount/).fill("20");
    await dialog.getByLabel(/^Reference/).fill("INV-E2E-1");
    await dialog.getByRole("button", { name: "Credit the top-up" }).click();
    await page.getByText("That reference was credited already").waitFor();
    await tenantRow().getByText("$20.00").waitFor();
    problems.push(...(await screenshots(page, "billing-platform-wallets")));
  }, 60_000);

  it("imports a rate card as a new version and browses it by market", async () => {
    await page.goto(url("/platform-billing/rate-cards"));
    await page
      .getByRole("cell", { name: /Charla default/ })
      .first()
      .waitFor();
    const csv = [
      "Market,Currency,Marketing,Utility,Authentication,Authentication-International,Service",
      "Argentina,USD,0.0700,0.0300,0.0300,,0.0300",
      "Brazil,USD,0.0625,0.0068,0.0068,,0.0068",
    ].join("\n");
    await page
      .locator('input[type="file"]')
      .first()
      .setInputFiles({ name: "rates-USD.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await field("Effective from").fill(new Date().toISOString().slice(0, 10));
    await field("Source").fill("https://example.test/meta-usd-e2e.csv");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.getByText("Rate card imported.").waitFor();
    await page.getByRole("cell", { name: "https://example.test/meta-usd-e2e.csv" }).waitFor();
    await page
      .getByRole("button", {
        name: `Browse the USD card of ${new Date().toISOString().slice(0, 10)}, version 1`,
      })
      .click();
    await page.getByText(`USD card, version 1, from ${new Date().toISOString().slice(0, 10)}`).waitFor();
    await field("Market").click();
    await page.getByRole("option", { name: "Argentina" }).click();
    await page.getByRole("cell", { name: "$0.07" }).waitFor();
    expect(await page.getByRole("cell", { name: "Brazil" }).count()).toBe(0);
    problems.push(...(await screenshots(page, "billing-rate-cards")));
  }, 60_000);

  it("sets a tenant's utility markup, then the margin shows what a charged message earned", async () => {
    await page.goto(url("/platform-billing/markups"));
    await field("Tenant").click();
    await page.getByRole("option", { name: "Test tenant" }).click();
    await page.getByText("The platform's default markup is 20.00 %").waitFor();
    await page.getByLabel("Markup for Utility").fill("50");
    await page
      .getByRole("row", { name: /Utility/ })
      .first()
      .getByRole("button", { name: "Save" })
      .click();
    await page.getByText("Markup saved.").waitFor();
    await page
      .getByRole("row", { name: /^Utility/ })
      .getByText("50.00 %")
      .waitFor();
    problems.push(...(await screenshots(page, "billing-markups")));

    // A utility template to the world's contact: Argentina's new rate 0.03 + 50% = 0.045.
    const sent = await world.h.api("POST", "/v1/messages", {
      to: "+5491155550001",
      type: "template",
      template: { name: "hello_world", language: "en_US" },
    });
    expect(sent.status).toBe(202);
    await eventually(async () => {
      const statement = await world.h.api("GET", `/v1/billing/statements/${month}`);
      return JSON.stringify(statement.body).includes(sent.body.id) ? statement : undefined;
    });
    await page.goto(url("/platform-billing/margins"));
    const row = page.getByRole("row", { name: new RegExp(world.h.tenant.slug) });
    await row.getByRole("cell", { name: "$0.015" }).waitFor();
    await row.getByRole("cell", { name: "$0.045" }).waitFor();
    problems.push(...(await screenshots(page, "billing-margins")));
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("You have signed out.").waitFor();
  }, 90_000);

  it("shows the tenant its low balance, wallet and ledger, and downloads the statement", async () => {
    await signIn(world.admin);
    // 20 - 0.045 is below the threshold of 50: the banner shows on every page.
    await page.getByText("The prepaid balance is $19.96, below the threshold of $50.00.").waitFor();
    await page.getByRole("link", { name: "Open the wallet" }).click();
    await page.getByRole("heading", { name: "Billing" }).waitFor();
    await page.getByText("INV-E2E-1").waitFor();
    await page.getByText("$19.96").first().waitFor();
    problems.push(...(await screenshots(page, "billing-wallet")));

    const [csv] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    const csvText = readFileSync((await csv.path())!, "utf8");
    expect(csvText).toContain("0.045");
    const [pdf] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download PDF" }).click(),
    ]);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");

    await page.getByRole("tab", { name: "Ledger" }).click();
    await page.getByRole("cell", { name: "Charge" }).first().waitFor();
    await page.getByRole("cell", { name: "Top-up" }).first().waitFor();
    problems.push(...(await screenshots(page, "billing-ledger")));
    await field("Kind").click();
    await page.getByRole("option", { name: "Top-up" }).click();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("cell", { name: "Charge", exact: true }).count()).toBe(0);
    await page.getByRole("cell", { name: "Top-up" }).first().waitFor();

    await page.getByRole("tab", { name: "Spend" }).click();
    await field("Group by").click();
    await page.getByRole("option", { name: "Market" }).click();
    await page.getByRole("cell", { name: "AR", exact: true }).waitFor();
    await page.getByRole("cell", { name: "$0.045" }).waitFor();
    problems.push(...(await screenshots(page, "billing-spend")));
  }, 90_000);

  it("estimates a message's price before sending it", async () => {
    await page.goto(url("/billing/wallet"));
    await field("Recipient").fill("+5491155550077");
    await field("Template").click();
    await page.getByRole("option", { name: /hello_world/ }).click();
    await page.getByText("$0.045 (Meta's cost $0.03 + markup $0.015)").waitFor();
    await page.getByText("Utility · Argentina").waitFor();
  }, 30_000);

  it("finds no serious or critical accessibility violation and no sideways scrolling", () => {
    expect(problems).toEqual([]);
  });
});
