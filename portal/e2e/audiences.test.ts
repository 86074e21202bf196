import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, PHONE, SCREENSHOTS, screenshots } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

const CSV = [
  "telefono,nombre,etiquetas,ciudad",
  "011 15 6000-0001,Beto Import,vip;ar,Rosario",
  "+55 11 96000-0002,Bia Import,vip,São Paulo",
  "not a phone,Nobody,,",
  "011 15 6000-0001,Beto Importado,news,Rosario",
].join("\n");

// Audiences in Chromium: a CSV uploaded, mapped and imported with its error file; a segment built
// with AND/OR groups while its live count follows; every page at desktop and phone size, es too.
describe("portal audiences", () => {
  let world: PortalWorld;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${world.h.url}${path}`;
  const field = (label: string) =>
    page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`)).first();
  const choose = async (label: string, option: string, nth = 0) => {
    const input = page.getByRole("textbox", { name: label }).nth(nth);
    await input.click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };

  beforeAll(async () => {
    [world, browser] = await Promise.all([startPortalWorld(), launchBrowser()]);
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    if (process.env.E2E_TRACE) {
      page.on("response", (r) => console.log(r.status(), r.request().method(), r.url()));
      page.on("pageerror", (e) => console.log("pageerror", e.message));
    }
    await page.goto(url("/"));
    await page.waitForURL("**/sign-in");
    await field("Email").fill(world.admin.email);
    await field("Password").fill(world.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  }, 120_000);
  afterEach(async (test) => {
    if (test.task.result?.state !== "fail") return;
    await page
      .screenshot({ path: `${SCREENSHOTS}failed-audiences-${test.task.name.slice(0, 30)}.png` })
      .catch(() => {});
    console.error(
      `${test.task.name} failed at ${page.url()}:\n${((await page.locator("body").textContent()) ?? "").slice(0, 1500)}`,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("uploads a CSV, maps its columns, imports it with a bulk opt-in and offers the refused rows", async () => {
    await page.getByRole("navigation", { name: "Charla" }).getByRole("link", { name: "Audiences" }).click();
    await page.getByRole("link", { name: "Imports" }).waitFor();
    await page
      .locator('input[type="file"]')
      .setInputFiles({ name: "clientes.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByRole("heading", { name: "Column mapping" }).waitFor();
    // The phone, name and tags columns are guessed from their headers; the first rows are shown.
    expect(await page.getByRole("textbox", { name: "Phone" }).inputValue()).toBe("telefono");
    await page.getByText("011 15 6000-0001").first().waitFor();
    expect(await page.getByRole("textbox", { name: "Tags (separated by , ; or |)" }).inputValue()).toBe(
      "etiquetas",
    );
    await page.getByRole("textbox", { name: "Columns kept as attributes" }).click({ force: true });
    await page.getByRole("option", { name: "ciudad", exact: true }).click();
    await page.keyboard.press("Escape");
    await field("Default country (for numbers without a country code)").fill("AR");
    await page.getByLabel("Every contact in this file opted in (bulk declaration)").check();
    await field("Where they opted in").fill("store counter");
    await field("When (YYYY-MM-DD)").fill("2026-02-01");
    await field("Evidence you keep").fill("signed paper forms");
    problems.push(...(await screenshots(page, "audiences-import-mapping")));
    await page.getByRole("button", { name: "Start import" }).click();
    await page.getByText("Completed").waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Download refused rows (CSV)" }).waitFor();
    const href = await page.getByRole("link", { name: "Download refused rows (CSV)" }).getAttribute("href");
    const errors = await page.request.get(url(href ?? ""));
    expect(errors.status()).toBe(200);
    expect(await errors.text()).toContain("not a phone");
    problems.push(...(await screenshots(page, "audiences-import-done")));
    await page.getByRole("link", { name: "Imports" }).click();
    await page.getByRole("link", { name: "clientes.csv" }).waitFor();
    problems.push(...(await screenshots(page, "audiences-imports")));
    // The duplicate row was merged into Beto, and the declaration opted him in.
    await page.goto(url("/contacts"));
    await page.getByRole("link", { name: "Beto Importado" }).waitFor();
  }, 120_000);

  it("builds a segment with AND/OR groups while the live count follows, and saves it", async () => {
    await page.goto(url("/audiences/segments"));
    await page.getByRole("link", { name: "New segment" }).click();
    await field("Segment name").fill("VIP, Brazil or Rosario");
    await page.getByRole("textbox", { name: "Value" }).first().fill("vip");
    // Ana Pérez (seeded), Beto and Bia have the vip tag.
    await page.getByText("3 contacts match").waitFor();
    await page.getByRole("button", { name: "Add rule" }).first().click();
    await choose("Rule", "Country", 1);
    await page.getByRole("textbox", { name: "Values" }).fill("BR");
    await page.keyboard.press("Enter");
    await page.getByText("1 contacts match").waitFor();
    // A nested OR group: (vip AND BR) OR (city = Rosario).
    await page.getByText("Any of these (OR)").first().click();
    await page.getByText("3 contacts match").waitFor();
    await page.getByText("All of these (AND)").first().click();
    await page.getByRole("button", { name: "Add group" }).first().click();
    await choose("Rule", "Attribute", 2);
    await page.getByRole("textbox", { name: "Attribute name" }).fill("ciudad");
    await page.getByRole("textbox", { name: "Value" }).last().fill("Rosario");
    await page.getByText("0 contacts match").waitFor();
    await page.getByText("Any of these (OR)").first().click();
    await page.getByText("3 contacts match").waitFor();
    await page.getByRole("button", { name: "Save segment" }).click();
    await page.getByText("Segment saved.").waitFor();
    problems.push(...(await screenshots(page, "audiences-segment")));
    await page.getByRole("link", { name: "Segments and lists" }).click();
    await field("List name").fill("Counter customers");
    await page.getByRole("button", { name: "Create list" }).click();
    await page.getByRole("cell", { name: "Counter customers" }).waitFor();
    await page.getByRole("link", { name: "VIP, Brazil or Rosario" }).waitFor();
    problems.push(...(await screenshots(page, "audiences-segments")));
  }, 120_000);

  it("speaks Spanish at phone size", async () => {
    await page.evaluate("localStorage.setItem('i18nextLng', 'es')");
    await page.setViewportSize(PHONE);
    await page.goto(url("/audiences/segments"));
    await page.getByRole("heading", { name: "Audiencias" }).waitFor();
    await page.getByRole("link", { name: "Nuevo segmento" }).click();
    await page.getByText("Todas estas (Y)").waitFor();
    problems.push(...(await screenshots(page, "audiences-segment-es")));
    await page.evaluate("localStorage.setItem('i18nextLng', 'en')");
  }, 60_000);

  it("finds no serious accessibility violation and no sideways scrolling", () => {
    expect(problems).toEqual([]);
  });
});
