import { rmSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, SCREENSHOTS, screenshots } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

// The portal in Debian's Chromium against a real Charla (PGlite + sandbox): every page, at desktop and
// phone size, checked with axe-core and saved as screenshots in portal/e2e/screenshots/.
describe("portal end to end", () => {
  let world: PortalWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  const url = (path: string) => `${world.h.url}${path}`;
  /** The form control labelled exactly so (a required field's label ends with " *"). */
  const field = (label: string) =>
    page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`)).first();

  beforeAll(async () => {
    rmSync(SCREENSHOTS, { recursive: true, force: true });
    [world, browser] = await Promise.all([startPortalWorld(), launchBrowser()]);
    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    if (process.env.E2E_TRACE) {
      page.on("response", (r) => console.log(r.status(), r.request().method(), r.url()));
      page.on("console", (m) => console.log("console", m.type(), m.text()));
      page.on("pageerror", (e) => console.log("pageerror", e.message));
      page.on("framenavigated", (f) => console.log("navigated", f.url()));
      page.on("requestfailed", (r) => console.log("failed", r.url(), r.failure()?.errorText));
    }
  }, 120_000);
  afterEach(async (test) => {
    // A failed step leaves a picture and the page's text behind, to see what the browser saw.
    if (test.task.result?.state !== "fail") return;
    await page
      .screenshot({ path: `${SCREENSHOTS}failed-${test.task.name.slice(0, 40)}.png` })
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
    // Through "/", as a visitor would: the portal sends whoever is signed out to the sign-in page.
    await page.goto(url("/"));
    await page.waitForURL("**/sign-in");
    await field("Email").fill(who.email);
    await field("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  }

  async function signOut() {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("You have signed out.").waitFor();
  }

  /** Reloads a page (waiting for it to show `ready`) until `done` holds: data the server changes meanwhile. */
  async function reloadUntil(path: string, ready: string, done: () => Promise<boolean>, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await page.goto(url(path));
      await page.getByText(ready).first().waitFor();
      if (await done()) return;
      if (Date.now() > deadline) throw new Error(`${path} never showed what was awaited`);
      await page.waitForTimeout(1_000);
    }
  }

  /** Opens a page, waits for a piece of real data on it, then checks and photographs it. */
  async function visit(path: string, name: string, shows: string | RegExp) {
    await page.goto(url(path));
    await page.getByText(shows).first().waitFor();
    problems.push(...(await screenshots(page, name)));
  }

  it("signs in; repeated failures lock the email with a sentence, not an error page", async () => {
    await page.goto(url("/"));
    await page.waitForURL("**/sign-in");
    problems.push(...(await screenshots(page, "sign-in")));
    // Five failures lock the email (the fifth answer already says so); each answer is a sentence.
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      await field("Email").fill("nobody@e2e.test");
      await field("Password").fill(`wrong password ${attempt}`);
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith("/v1/auth/login")),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      statuses.push(response.status());
      if (attempt === 0) await page.getByText("The email or password is not correct.").waitFor();
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(429);
    await page.getByText(/Too many failed sign-ins. Try again in \d+ minutes./).waitFor();
    // What was typed stays in the form.
    expect(await field("Email").inputValue()).toBe("nobody@e2e.test");
    await signIn(world.admin);
    problems.push(...(await screenshots(page, "home")));
  }, 60_000);

  it("shows real data on every page of a tenant admin", async () => {
    await visit("/numbers", "numbers", "Sandbox WABA");
    await page.getByText("GREEN").first().waitFor();
    await visit("/templates", "templates", "hello_world");
    await visit("/contacts", "contacts", "Ana Pérez");
    await page.getByRole("link", { name: "Ana Pérez" }).click();
    await page.getByText("203.0.113.7").waitFor();
    problems.push(...(await screenshots(page, "contact")));
    await visit("/conversations", "conversations", "¿Dónde está mi pedido?");
    await page.getByRole("link", { name: "Bruno" }).click();
    // The inbox shows the list and the conversation side by side: the message is in the timeline.
    await page.getByRole("log", { name: "Messages and notes" }).getByText("¿Dónde está mi pedido?").waitFor();
    problems.push(...(await screenshots(page, "conversation")));
    await visit("/developers/keys", "developers-keys", "test admin");
    await visit("/developers/webhooks", "developers-webhooks", "/charla");
    await page.getByText("delivered").first().waitFor({ timeout: 15_000 });
    await visit("/developers/events", "developers-events", "message.received");
    await visit("/audit", "audit", "webhook.created");
    await visit("/account", "account", "ana.admin@e2e.test");
  }, 120_000);

  it("creates an API key whose secret is shown once, then revokes it", async () => {
    await page.goto(url("/developers/keys"));
    await field("Name").fill("e2e key");
    await page.getByRole("button", { name: "Create API key" }).click();
    await expect.poll(() => page.getByTestId("secret-once").textContent()).toMatch(/^chk_/);
    await page
      .getByRole("row", { name: /e2e key/ })
      .getByRole("button", { name: "Revoke" })
      .click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
    await page
      .getByRole("row", { name: /e2e key/ })
      .getByText("Revoked")
      .waitFor();
  }, 60_000);

  it("injects a customer's message through the sandbox controls", async () => {
    await visit("/developers/sandbox", "developers-sandbox", "Simulate a customer");
    await field("Customer's number").fill("5491155550003");
    await field("Message").fill("Hola desde el sandbox");
    await page.getByRole("button", { name: "Send as customer" }).click();
    await page.getByText("Message sent by the simulated customer.").waitFor();
    await reloadUntil(
      "/conversations",
      "¿Dónde está mi pedido?",
      async () => (await page.getByText("Hola desde el sandbox").count()) > 0,
    );
  }, 60_000);

  it("takes a template from the editor through the platform review and Meta's to Approved", async () => {
    await page.goto(url("/templates/new"));
    await field("Name").fill("Order Ready");
    await field("Category").click();
    await page.getByRole("option", { name: "UTILITY" }).click();
    await page
      .getByRole("textbox", { name: "Body" })
      .fill("Hola {{1}}, tu pedido {{2}} ya está listo para retirar en nuestra tienda del centro.");
    await field("Example for {{1}}").fill("Ana");
    await field("Example for {{2}}").fill("#4521");
    await field("Footer text").fill("Charla Demo");
    await page.getByRole("button", { name: "Add button" }).click();
    await field("Button text").fill("Ver pedido");
    // The phone preview follows what is typed, with the examples in place of the variables.
    await expect
      .poll(() => page.getByTestId("template-preview").textContent())
      .toContain("Hola Ana, tu pedido #4521 ya está listo");
    problems.push(...(await screenshots(page, "template-editor")));
    // The server's rule about names comes back next to the name; nothing typed is lost.
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByText("The template breaks some of WhatsApp's rules").waitFor();
    await expect.poll(() => field("Name").getAttribute("aria-invalid")).toBe("true");
    expect(await field("Example for {{2}}").inputValue()).toBe("#4521");
    await field("Name").fill("order_ready_e2e");
    await page.getByRole("button", { name: "Submit for review" }).click();
    await page.getByRole("heading", { name: "order_ready_e2e" }).waitFor();
    await page.getByText("In review").first().waitFor();
    const templatePath = new URL(page.url()).pathname;
    problems.push(...(await screenshots(page, "template")));
    await signOut();

    await signIn(world.platform);
    await visit("/review", "review-queue", "order_ready_e2e");
    await page.getByRole("link", { name: "order_ready_e2e" }).click();
    await page.getByRole("button", { name: "Approve and submit to Meta" }).waitFor();
    problems.push(...(await screenshots(page, "review")));
    await page.getByRole("button", { name: "Approve and submit to Meta" }).click();
    await page.getByText("Approved and submitted to Meta.").waitFor();
    // The policy's findings are marked in the text the reviewer reads.
    await page.getByRole("link", { name: "tracking_link_e2e" }).click();
    await page.locator("mark.finding-warn", { hasText: "bit.ly" }).waitFor();
    problems.push(...(await screenshots(page, "review-findings")));
    await signOut();

    await signIn(world.admin);
    await reloadUntil(
      templatePath,
      "order_ready_e2e",
      async () => (await page.locator("[data-status]").first().getAttribute("data-status")) === "approved",
    );
    await page.getByText("Approved").first().waitFor();
    problems.push(...(await screenshots(page, "template-approved")));
  }, 120_000);

  it("invites an agent, who accepts and sees only the agent's pages", async () => {
    await visit("/users", "users", "Invite a user");
    await field("Email").fill("agent@e2e.test");
    await field("Name").fill("Alex Agent");
    await field("Role").click();
    await page.getByRole("option", { name: "Agent" }).click();
    await page.getByRole("button", { name: "Invite a user" }).click();
    const link = (await page.getByTestId("secret-once").textContent()) ?? "";
    expect(link).toContain("/accept-invitation?token=");
    await page.getByRole("cell", { name: "agent@e2e.test" }).waitFor();
    problems.push(...(await screenshots(page, "users-invited")));
    await signOut();

    await page.goto(link);
    await page.getByText("You were invited as Agent").waitFor();
    problems.push(...(await screenshots(page, "accept-invitation")));
    await field("New password").fill("agent password 123");
    await page.getByRole("button", { name: "Accept invitation" }).click();
    await page.getByRole("heading", { name: "Welcome, Alex Agent" }).waitFor();
    const nav = page.getByRole("navigation");
    await nav.getByRole("link", { name: "Conversations" }).waitFor();
    for (const absent of ["Templates", "Developers", "Users", "Audit log", "Template review"]) {
      expect(await nav.getByRole("link", { name: absent }).count(), absent).toBe(0);
    }
    await page.goto(url("/developers"));
    await page.getByText("This page does not exist.").waitFor();
    // The API behind the absent page refuses the agent's session too.
    const keys = await page.request.get(url("/v1/api-keys"));
    expect(keys.status()).toBe(403);
  }, 60_000);

  it("switches language and formats dates for it", async () => {
    await page.goto(url("/conversations"));
    await page.getByText("¿Dónde está mi pedido?").waitFor();
    await field("Language").selectOption("es");
    await page.getByRole("heading", { name: "Conversaciones" }).waitFor();
    await page.getByRole("link", { name: "Contactos" }).waitFor();
    const year = String(new Date().getFullYear());
    await expect
      .poll(() => page.getByText(new RegExp(`\\d{1,2} [a-z]{3} ${year}`)).count())
      .toBeGreaterThan(0);
    await field("Idioma").selectOption("pt");
    await page.getByRole("heading", { name: "Conversas" }).waitFor();
    await field("Idioma").selectOption("en");
  }, 30_000);

  it("shows a banner while the connection is lost and keeps a form that failed to save", async () => {
    await page.goto(url("/contacts"));
    await page.getByRole("button", { name: "Add contact" }).click();
    await field("Phone").fill("+5491155550009");
    await field("Name").fill("Carla Offline");
    await context.setOffline(true);
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("The connection to Charla was lost. Retrying…").waitFor();
    await page.getByText("Charla cannot be reached").waitFor();
    expect(await field("Name").inputValue()).toBe("Carla Offline");
    await context.setOffline(false);
    await page
      .getByText("The connection to Charla was lost. Retrying…")
      .waitFor({ state: "detached", timeout: 10_000 });
    await page.getByRole("button", { name: "Save" }).click();
    await page.getByText("Contact saved.").waitFor();
    await page.getByRole("link", { name: "Carla Offline" }).waitFor();
  }, 60_000);

  it("finds no serious or critical accessibility violation and no sideways scrolling on any page", () => {
    expect(problems).toEqual([]);
  });
});
