import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { activationRequests, activationStages } from "../../src/db/schema.ts";
import { createApiKey, createTenant } from "../../src/modules/accounts/index.ts";
import { launchBrowser, SCREENSHOTS, screenshots } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

const company = (legalName: string, domain: string) => ({
  legalName,
  website: `https://${domain}.example`,
  country: "AR",
  address: "Av. Corrientes 1234, Buenos Aires",
  contactPhone: "+5491155550000",
  contactEmail: `ops@${domain}.example`,
});

// Activation in Debian's Chromium against a real Charla (PGlite + sandbox): the self-service signup
// through the emulator's Embedded Signup page, the tenant's tracker, and the platform's board.
describe("activation end to end", () => {
  let world: PortalWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let platformKey: string;
  const problems: string[] = [];
  const url = (path: string) => `${world.h.url}${path}`;
  const field = (label: string) =>
    page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`)).first();
  const db = () => world.h.charla.services.database.db;
  const api = (method: string, path: string, body?: unknown, key?: string) =>
    world.h.api(method, path, body, key);
  const move = async (requestId: string, stage: string, to: string) => {
    const moved = await api(
      "POST",
      `/v1/admin/activations/${requestId}/stages/${stage}`,
      { to },
      platformKey,
    );
    if (moved.status !== 200) throw new Error(`${stage} -> ${to}: ${JSON.stringify(moved.body)}`);
  };

  /** Another tenant with its own activation, so the board has more than one row. */
  async function otherTenant(name: string, legalName: string, domain: string, verified: boolean) {
    const tenant = await createTenant(db(), { slug: domain, name }, { kind: "system" });
    const { key } = await createApiKey(
      db(),
      { tenantId: tenant.id, name: "ops", role: "tenant_admin" },
      { kind: "system" },
    );
    const started = await api(
      "POST",
      "/v1/activation",
      {
        company: company(legalName, domain),
        businessManagerId: "123456789012345",
        businessVerified: verified,
      },
      key,
    );
    if (started.status !== 201) throw new Error(`activation: ${JSON.stringify(started.body)}`);
    return { tenant, key, requestId: started.body.id as string };
  }

  beforeAll(async () => {
    // Meta's display-name review decides late: a loaded machine must still see it pending.
    [world, browser] = await Promise.all([
      startPortalWorld({ displayNameReview: { delayMs: 10 * 60_000 } }),
      launchBrowser(),
    ]);
    const staff = await createTenant(db(), { slug: "platform-staff", name: "Platform" }, { kind: "system" });
    platformKey = (
      await createApiKey(
        db(),
        { tenantId: staff.id, name: "ops", role: "platform_admin" },
        { kind: "system" },
      )
    ).key;
    // A tenant stuck in verification past its SLA (its clock set back 30 hours).
    const late = await otherTenant("Panadería Sol", "Panadería Sol S.R.L.", "panaderiasol", false);
    await db()
      .update(activationStages)
      .set({ dueAt: new Date(Date.now() - 30 * 36e5) })
      .where(
        and(
          eq(activationStages.requestId, late.requestId),
          eq(activationStages.stage, "business_verification"),
        ),
      );
    // A tenant activated through every stage, its dates spread over 4.5 days as a real one's.
    const done = await otherTenant("Ferretería Norte", "Ferretería Norte S.R.L.", "ferreterianorte", true);
    await api("POST", "/v1/activation/partner-request/approve", undefined, done.key);
    await move(done.requestId, "policy_review", "done");
    await api("POST", "/v1/activation/display-name", { displayName: "Ferretería Norte" }, done.key);
    await move(done.requestId, "display_name_review", "done");
    await move(done.requestId, "activation", "done");
    const base = Date.now() - 5 * 864e5;
    const hours = (count: number) => new Date(base + count * 36e5);
    const stages = await db()
      .select()
      .from(activationStages)
      .where(eq(activationStages.requestId, done.requestId));
    for (const stage of stages) {
      await db()
        .update(activationStages)
        .set({ startedAt: hours(stage.position * 18), completedAt: hours((stage.position + 1) * 18) })
        .where(eq(activationStages.id, stage.id));
    }
    await db()
      .update(activationRequests)
      .set({ createdAt: hours(0), activatedAt: hours(108) })
      .where(eq(activationRequests.id, done.requestId));

    context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  }, 120_000);
  afterEach(async (test) => {
    if (test.task.result?.state !== "fail") return;
    await page
      .screenshot({ path: `${SCREENSHOTS}failed-activation-${test.task.name.slice(0, 40)}.png` })
      .catch(() => {});
    console.error(
      `${test.task.name} failed at ${page.url()}:\n${((await page.locator("body").textContent()) ?? "").slice(0, 1500)}`,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  async function signIn(who: { email: string; password: string; name: string }) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(url("/sign-in"));
    await field("Email").fill(who.email);
    await field("Password").fill(who.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText(`Signed in as ${who.name}`, { exact: false }).waitFor();
  }

  async function signOut() {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByText("You have signed out.").waitFor();
  }

  async function pick(label: string, option: string) {
    await field(label).click();
    await page.getByRole("option", { name: option, exact: true }).click();
  }

  it("signs up a number through the emulator's Embedded Signup page; it appears with its display-name status", async () => {
    await signIn({ ...world.admin, name: "Ana Admin" });
    await page.goto(url("/numbers/signup"));
    await field("Two-step verification PIN").fill("135790");
    problems.push(...(await screenshots(page, "signup")));
    const [popup] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("button", { name: "Open WhatsApp signup" }).click(),
    ]);
    await popup.getByRole("heading", { name: "Connect your business to WhatsApp" }).waitFor();
    await popup.locator("#business_name").fill("Luna Calzados");
    await popup.locator("#display_phone_number").fill("+54 9 11 5555-0199");
    await popup.locator("#display_name").fill("Luna Calzados");
    await popup.locator("#verification_code").fill("123456");
    // The page returns to the portal with the code, which hands it to this tab and closes.
    await Promise.all([popup.waitForEvent("close", { timeout: 20_000 }), popup.locator("#finish").click()]);
    const result = page.getByTestId("signup-result");
    await result.getByText("+54 9 11 5555-0199 · Luna Calzados").waitFor({ timeout: 20_000 });
    await result.getByText("Display name: PENDING_REVIEW").waitFor();
    problems.push(...(await screenshots(page, "signup-done")));

    // On the numbers page, with why its template messages wait and what to do.
    await page.goto(url("/numbers"));
    await page.getByRole("link", { name: "+54 9 11 5555-0199" }).waitFor();
    await page.getByText("Notifications are not enabled yet").waitFor();
    await field("What you send and why").fill(
      "Order confirmations and shipping updates for our online shop.",
    );
    await field("How contacts opt in").fill("Checkbox at checkout");
    await field("A sample message").fill("Hola Ana, tu pedido 1234 ya salió.");
    await page.getByRole("button", { name: "Send for review" }).click();
    await page.getByText("Your use case is in review").waitFor();
    problems.push(...(await screenshots(page, "numbers-with-signup")));
  }, 120_000);

  it("walks a number through its life cycle page: health, history, PIN and profile", async () => {
    await page.getByRole("link", { name: "+54 9 11 5555-0199" }).click();
    await page.getByRole("heading", { name: "Health: can it send?" }).waitFor();
    await page.getByRole("cell", { name: "Phone number", exact: true }).waitFor();
    await page.getByTestId("health-history").locator(".recharts-surface").first().waitFor();
    await field("Two-step verification PIN").fill("246810");
    await page.getByRole("button", { name: "Change PIN" }).click();
    await page.getByText("Two-step verification PIN changed.").waitFor();
    await field("About (up to 139 characters)").fill("Zapatos hechos a mano");
    await page.getByRole("button", { name: "Save the profile" }).click();
    await page.getByText("Business profile saved at Meta.").waitFor();
    problems.push(...(await screenshots(page, "number-life")));

    // A second number: added to the account, verified with Meta's code, registered with a PIN.
    await page.goto(url("/numbers"));
    const account = page.locator(".mantine-Card-root", { hasText: "(Embedded Signup)" }).first();
    await account.getByRole("button", { name: "Add a number" }).click();
    await field("Country calling code (e.g. 54)").fill("54");
    await field("Number (digits only)").fill("91155550777");
    await page
      .getByRole("dialog")
      .getByLabel(/^Display name/)
      .fill("Luna Calzados");
    await page.getByRole("dialog").getByRole("button", { name: "Add a number" }).click();
    await page.getByRole("heading", { name: "+54 91155550777 · Luna Calzados" }).waitFor();
    await page.getByRole("button", { name: "Send me the code" }).click();
    await page.getByText("Code requested: check the phone.").waitFor();
    await field("6-digit code").fill("123456");
    await page.getByRole("button", { name: "Verify", exact: true }).click();
    await page.getByText("Number verified.").waitFor();
    await field("Two-step verification PIN").fill("112233");
    await page.getByRole("button", { name: "Register", exact: true }).click();
    await page.getByText("Number registered: it can send and receive.").waitFor();
    await page.getByRole("button", { name: "Deregister" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Deregister" }).click();
    await page.getByText("Number deregistered.").waitFor();
    await page.getByRole("button", { name: "Register", exact: true }).waitFor();
  }, 90_000);

  it("starts the tenant's activation with a checked Business Manager ID and sends the verification", async () => {
    await page.goto(url("/activation"));
    await field("Legal name").fill("Luna Calzados S.A.");
    await field("Website").fill("https://lunacalzados.example");
    await field("Country (2 letters, e.g. AR)").fill("AR");
    await field("Address").fill("Av. Corrientes 1234, Buenos Aires");
    await field("Contact phone (e.g. +5491155550000)").fill("+5491155550000");
    await field("Contact email").fill("ops@lunacalzados.example");
    await field("Business Manager ID").fill("12-34");
    await page.getByRole("button", { name: "Start activation" }).click();
    await page.getByText("A Business Manager ID has 15 or 16 digits and nothing else.").waitFor();
    problems.push(...(await screenshots(page, "activation-start")));
    await field("Business Manager ID").fill("987654321098765");
    await page.getByRole("button", { name: "Start activation" }).click();

    const verification = page.getByTestId("stage-business_verification");
    await verification.getByText("Your turn").waitFor();
    const pdf = (name: string) => ({
      name,
      mimeType: "application/pdf",
      buffer: Buffer.from(`%PDF-1.4 ${name}`),
    });
    await page.locator('input[type="file"]').setInputFiles(pdf("estatuto.pdf"));
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await page.getByText(/estatuto\.pdf/).waitFor();
    await pick("Document type", "Proof of address");
    await page.locator('input[type="file"]').setInputFiles(pdf("factura-luz.pdf"));
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await page.getByText(/factura-luz\.pdf/).waitFor();
    await page.getByLabel(/I verified my website's domain/).check();
    await page.getByRole("button", { name: "Submit for verification" }).click();
    await verification.getByText("In review").first().waitFor();
    await verification.getByText(/Meta is verifying your business/).waitFor();
    problems.push(...(await screenshots(page, "activation-tracker")));
  }, 60_000);

  it("shows the platform every tenant by stage, breaches highlighted, averages, and its reviews", async () => {
    await signOut();
    await signIn({ ...world.platform, name: "Platform Admin" });
    await page.goto(url("/platform"));
    await page.getByText("Luna Calzados S.A.").waitFor();
    await page
      .getByTestId("average-total")
      .getByText(/4\.5 days on average/)
      .waitFor();
    expect(await page.locator('tr[data-breached="true"]').count()).toBe(1);
    await page.locator('tr[data-breached="true"]').getByText("Panadería Sol", { exact: true }).waitFor();
    await page
      .getByText(/SLA breached by 1 d 6 h/)
      .first()
      .waitFor();
    problems.push(...(await screenshots(page, "platform-board")));

    await pick("SLA", "Breached");
    await expect.poll(() => page.getByText("Luna Calzados S.A.").count()).toBe(0);
    await page.getByText("Panadería Sol S.R.L.").waitFor();
    await page.goto(url("/platform"));

    // Meta verified the business: the platform records it; the tenant's next step opens.
    await page
      .getByRole("row", { name: /Luna Calzados S\.A\./ })
      .getByRole("button", { name: /Record an outcome/ })
      .click();
    await pick("New status", "Done");
    await page.getByRole("dialog").getByRole("button", { name: "Record" }).click();
    await page.getByText("Outcome recorded; the tenant is notified.").waitFor();

    // The notifications review: the policy checklist before enabling template sends.
    const review = page.locator('[data-testid^="review-"]').first();
    await review.getByText("Order confirmations and shipping updates").waitFor();
    const enable = review.getByRole("button", { name: "Enable notifications" });
    expect(await enable.isDisabled()).toBe(true);
    for (const check of ["Contacts opted in", "No spam", "No prohibited categories"])
      await review.getByLabel(check, { exact: true }).check();
    problems.push(...(await screenshots(page, "platform-review")));
    await enable.click();
    await page.getByText("Notifications enabled; the tenant is notified.").waitFor();
    await page.getByText("No account waits for review.").waitFor();
  }, 90_000);

  it("tells the tenant what to do at each step, with a notification for each", async () => {
    await signOut();
    await signIn({ ...world.admin, name: "Ana Admin" });
    await page.goto(url("/activation"));
    const partner = page.getByTestId("stage-partner_request");
    await partner.getByText(/Approve our partner request in your Business Manager/).waitFor();
    await partner.getByText("Go to Settings > Requests > Received.").waitFor();
    await partner.getByRole("button", { name: "I approved the request" }).click();
    // The step reaches the open portal live (the realtime stream), as a toast.
    await page.getByText("Partner request: Done").waitFor();
    await page.getByTestId("stage-policy_review").getByText("In review").first().waitFor();

    const { body } = await api("GET", "/v1/activation");
    await move(body.id, "policy_review", "done");
    await page.reload();
    const name = page.getByTestId("stage-display_name_review");
    await field("Display name").fill("WhatsApp Luna");
    await name.getByText(/WhatsApp, Facebook, Meta, Instagram or Messenger may not appear/).waitFor();
    expect(await name.getByRole("button", { name: "Submit the name for review" }).isDisabled()).toBe(true);
    problems.push(...(await screenshots(page, "activation-display-name")));
    await field("Display name").fill("Luna Calzados");
    await name.getByText("No problem found: the name follows Meta's rules.").waitFor();
    await name.getByRole("button", { name: "Submit the name for review" }).click();
    await name.getByText("In review").first().waitFor();

    // The bell counts what happened since it was last opened, and lists it.
    const bell = page.getByRole("button", { name: /Activation notifications: \d+ new/ });
    await bell.click();
    await page.getByTestId("feed-item").first().waitFor();
    expect(await page.getByTestId("feed-item").count()).toBeGreaterThanOrEqual(8);
    problems.push(...(await screenshots(page, "activation-notifications")));
    await page.keyboard.press("Escape");

    // The same tracker in Spanish, its next actions in Spanish too.
    await page.evaluate("localStorage.setItem('i18nextLng', 'es')");
    await page.reload();
    await page.getByRole("heading", { name: "Activación de la cuenta" }).waitFor();
    await page
      .getByText(/WhatsApp está revisando su nombre visible/)
      .first()
      .waitFor();
    problems.push(...(await screenshots(page, "activation-es")));
    await page.evaluate("localStorage.setItem('i18nextLng', 'en')");
  }, 90_000);

  it("signs up an existing WhatsApp Business app number (coexistence) under the same business", async () => {
    await page.goto(url("/numbers/signup"));
    await field("Two-step verification PIN").fill("135790");
    const [popup] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("button", { name: "Open WhatsApp signup" }).click(),
    ]);
    await popup.locator("#business_id").selectOption({ label: "Luna Calzados" });
    await popup.locator("#display_phone_number").fill("+54 9 11 5555-0288");
    await popup.locator("#display_name").fill("Luna Calzados Outlet");
    await popup.locator("#coexistence").check();
    await Promise.all([popup.waitForEvent("close", { timeout: 20_000 }), popup.locator("#finish").click()]);
    await page
      .getByTestId("signup-result")
      .getByText("+54 9 11 5555-0288 · Luna Calzados Outlet")
      .waitFor({ timeout: 20_000 });
    await page.getByRole("link", { name: "+54 9 11 5555-0288 · Luna Calzados Outlet" }).click();
    await page.getByTestId("numberLife.metaStatus").getByText("CONNECTED").waitFor();
  }, 60_000);

  it("finds no serious accessibility violation and no sideways scrolling on these pages", () => {
    expect(problems).toEqual([]);
  });
});
