import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, PHONE, SCREENSHOTS, screenshots, seriousViolations } from "./browser.ts";
import { type PortalWorld, startPortalWorld } from "./setup.ts";

// The bot flow editor in Debian's Chromium against a real Charla (PGlite + sandbox): an admin builds
// a menu flow on the canvas, tries it in the simulator and publishes it; a sandbox customer goes
// through it to a handover, and an agent answers in the inbox.
/** Whether an element is drawn wholly inside the viewport's width (so a phone user can reach it). */
async function insideViewport(locator: Locator): Promise<boolean> {
  const box = await locator.boundingBox();
  const width = locator.page().viewportSize()!.width;
  return box !== null && box.x >= 0 && box.x + box.width <= width;
}

const DRAWER_BODY = `document.querySelector('[role="dialog"] .mantine-Drawer-body')`;

describe("bot flow editor end to end", () => {
  let world: PortalWorld;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];
  const customer = "5491155550077";
  const url = (path: string) => `${world.h.url}${path}`;
  const emulator = (path: string, init?: RequestInit) =>
    fetch(`${world.h.sandbox.emulator.url}${path}`, init);

  async function say(input: Record<string, unknown>) {
    const response = await emulator("/_emulator/inbound", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        from: customer,
        to: world.h.number.phoneNumberId,
        profileName: "Eva",
        ...input,
      }),
    });
    expect(response.ok).toBe(true);
  }

  /** What Charla sent the customer, as the emulator (Meta's side) recorded it. */
  async function sentTo(): Promise<string[]> {
    const response = await emulator(`/_emulator/messages?to=${customer}`);
    const { data } = (await response.json()) as {
      data: { body: { text?: { body?: string }; interactive?: { body?: { text?: string } } } }[];
    };
    return data.map((message) => message.body.text?.body ?? message.body.interactive?.body?.text ?? "");
  }

  const panel = () => page.getByRole("complementary", { name: "Flow panel" });
  const node = (id: string) => page.getByTestId(`node-${id}`);
  /** Where React Flow draws a node: its wrapper's transform, in canvas coordinates (not the zoom). */
  const placedAt = (id: string) =>
    page.evaluate<string>(`document.querySelector('.react-flow__node[data-id="${id}"]').style.transform`);
  let draggedTo = "";

  async function addNode(type: string) {
    await page.getByRole("button", { name: "Add node" }).click();
    await page.getByRole("menuitem", { name: type }).click();
  }

  async function choose(label: string | RegExp, option: string) {
    await panel().getByRole("textbox", { name: label }).click();
    await page.getByRole("option", { name: option, exact: true }).click();
  }

  beforeAll(async () => {
    [world, browser] = await Promise.all([startPortalWorld(), launchBrowser()]);
    const team = await world.h.api("POST", "/v1/teams", { name: "Ventas" });
    expect(team.status).toBe(201);
    const context = await browser.newContext({ locale: "en-US", viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    // The machine running the suite may be loaded: a save or a publish can take a while.
    page.setDefaultTimeout(30_000);
    await page.goto(url("/sign-in"));
    await page.getByLabel(/^Email/).fill(world.admin.email);
    await page.getByLabel(/^Password/).fill(world.admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: /^Welcome/ }).waitFor();
  }, 300_000);
  afterEach(async (test) => {
    if (test.task.result?.state !== "fail") return;
    await page.screenshot({ path: `${SCREENSHOTS}failed-bots.png` }).catch(() => {});
    console.error(`page at ${page.url()}:\n${(await page.locator("#root").innerText()).slice(0, 1500)}`);
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  it("builds a menu flow on the canvas, simulates it and publishes it", async () => {
    await page.getByRole("navigation", { name: "Charla" }).getByRole("link", { name: "Bots" }).click();
    await page.getByRole("button", { name: "New flow" }).click();
    await page.getByLabel(/^Name/).fill("Menú e2e");
    await page.getByRole("button", { name: "Create and edit" }).click();
    await page.getByRole("heading", { name: "Menú e2e" }).waitFor();
    await node("welcome").waitFor();

    // A question with two choices, where the flow starts.
    await addNode("Question");
    await node("ask_1").waitFor();
    await panel().getByLabel("Question", { exact: true }).fill("¿En qué te ayudamos?");
    await choose("Expected answer", "Choice");
    await panel().getByLabel("Id 1").fill("sales");
    await panel().getByLabel("Title 1").fill("Ventas");
    await panel().getByRole("button", { name: "Add", exact: true }).click();
    await panel().getByLabel("Id 2").fill("support");
    await panel().getByLabel("Title 2").fill("Soporte");
    await panel().getByRole("button", { name: "Start here" }).click();
    await node("ask_1").getByText("Start").waitFor();

    // The welcome node is now unreachable: the canvas marks it.
    await expect.poll(() => node("welcome").getAttribute("data-problems")).not.toBe("0");

    // A handover to the sales team with a message and a note.
    await addNode("Hand over");
    await node("handover_1").waitFor();
    await choose("Team", "Ventas");
    await panel().getByLabel("Message to the customer").fill("Te paso con ventas 🙌");
    await panel().getByLabel("Note for the agent").fill("Lead de ventas desde el bot");

    // Connect "sales" by dragging from its handle on the canvas; "support" from the properties panel.
    const from = node("ask_1").locator('.react-flow__handle[data-handleid="sales"]');
    const to = node("handover_1").locator(".react-flow__handle.target");
    await from.dragTo(to);
    await page.locator(".react-flow__edge").first().waitFor();
    await node("ask_1").click();
    await choose("When “support”", "welcome");
    await page.getByTestId("problem-count").getByText("0 problems").waitFor();
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(2);
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("button", { name: "Saved", exact: true }).waitFor();

    // A dragged node stays where it was put: its position is saved with the draft.
    const before = await placedAt("handover_1");
    const box = (await node("handover_1").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 14);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 160, box.y + 90, { steps: 10 });
    await page.mouse.up();
    draggedTo = await placedAt("handover_1");
    expect(draggedTo).not.toBe(before);
    await page.getByRole("button", { name: "Save draft" }).click();
    await page.getByRole("button", { name: "Saved", exact: true }).waitFor();
    await page.reload();
    await node("handover_1").waitFor();
    expect(await placedAt("handover_1")).toBe(draggedTo);

    // Triggers: the keyword "hola".
    await panel().getByRole("tab", { name: "Triggers" }).click();
    await panel().getByRole("textbox", { name: "Keywords" }).fill("hola");
    await panel().getByRole("textbox", { name: "Keywords" }).press("Enter");
    await panel().getByRole("button", { name: "Save settings" }).click();
    await page.getByText("Settings saved.").waitFor();

    // The simulator runs the draft on the real runtime: the menu, a tap, the handover.
    await panel().getByRole("tab", { name: "Simulator" }).click();
    await panel().getByLabel("Customer message").fill("Hola");
    await panel().getByRole("button", { name: "Send", exact: true }).click();
    await panel().getByTestId("sim-reply").getByText("¿En qué te ayudamos?").waitFor();
    await panel().getByTestId("sim-reply").getByRole("button", { name: "Ventas" }).click();
    await panel().getByText("Te paso con ventas 🙌").waitFor();
    await panel().getByTestId("sim-status").getByText("Handed over").waitFor();

    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByTestId("published-version").getByText("Live: v1").waitFor();
    await panel().getByRole("tab", { name: "Versions" }).click();
    await panel().getByTestId("version-1").getByText("Live").waitFor();
    await panel().getByRole("tab", { name: "Node" }).click();
    problems.push(...(await screenshots(page, "bots-editor")));
  }, 300_000);

  it("takes a sandbox customer through the published flow to a handover; an agent answers", async () => {
    await say({ text: "Hola" });
    await expect.poll(sentTo, { timeout: 20_000 }).toContain("¿En qué te ayudamos?");
    await say({ buttonReply: { id: "sales", title: "Ventas" } });
    await expect.poll(sentTo, { timeout: 20_000 }).toContain("Te paso con ventas 🙌");

    const list = await world.h.api("GET", "/v1/conversations?limit=200");
    const conversation = list.body.data.find(
      (c: { contact: { phone: string } }) => c.contact.phone === `+${customer}`,
    );
    await page.goto(url(`/conversations/${conversation.id}`));
    // The inbox shows the bot's transcript and its note for the agent.
    await page.locator("[data-direction=outbound]", { hasText: "Te paso con ventas" }).waitFor();
    await page.getByText("Lead de ventas desde el bot").waitFor();
    await page.getByLabel("Message", { exact: true }).fill("Hola Eva, soy Ana de ventas");
    await page.getByRole("button", { name: "Send" }).click();
    await expect.poll(sentTo, { timeout: 15_000 }).toContain("Hola Eva, soy Ana de ventas");

    // The flow's analytics count the session and its handover.
    await page.goto(url("/bots"));
    await page.getByRole("link", { name: "Menú e2e" }).click();
    await panel().getByRole("tab", { name: "Analytics" }).click();
    await panel().getByTestId("analytics-sessions").getByText("1").waitFor();
    await panel().getByTestId("analytics-handovers").getByText("1").waitFor();
  }, 180_000);

  it("keeps a version history: publish a change, then roll back to v1", async () => {
    await node("handover_1").click();
    await panel().getByLabel("Message to the customer").fill("Ya te atiende alguien de ventas");
    await page.getByRole("button", { name: "Publish" }).click();
    await page.getByTestId("published-version").getByText("Live: v2").waitFor();
    await panel().getByRole("tab", { name: "Versions" }).click();
    await panel().getByTestId("version-1").getByRole("button", { name: "Run this version" }).click();
    await page.getByTestId("published-version").getByText("Live: v1").waitFor();
    await node("handover_1").getByText("Te paso con ventas 🙌").waitFor();
    // Versions keep the layout too: v1 was published with the node where it was dragged.
    expect(await placedAt("handover_1")).toBe(draggedTo);
  }, 120_000);

  it("works on a phone: the canvas fills the width and the panels open in a drawer", async () => {
    await page.setViewportSize(PHONE);
    await page.goto(url("/bots"));
    await page.getByRole("link", { name: "Menú e2e" }).waitFor();
    problems.push(...(await screenshots(page, "bots-list")));
    await page.setViewportSize(PHONE);
    await page.getByRole("link", { name: "Menú e2e" }).click();
    await node("ask_1").waitFor();
    expect(await page.getByRole("complementary", { name: "Flow panel" }).count()).toBe(0);
    // The toolbar fits the phone's width: every action on screen.
    for (const name of ["Add node", "Saved", "Publish", "Open the panel"])
      await expect.poll(() => insideViewport(page.getByRole("button", { name, exact: true }))).toBe(true);
    await node("ask_1").click();
    const drawer = page.getByRole("dialog", { name: "Flow panel" });
    await drawer.getByLabel("Question", { exact: true }).waitFor();
    // Every tab of the drawer is on screen and opens; nothing in it scrolls sideways.
    for (const [tab, shows] of [
      ["Triggers", drawer.getByRole("textbox", { name: "Keywords" })],
      ["Simulator", drawer.getByLabel("Customer message")],
      ["Versions", drawer.getByTestId("version-2")],
      ["Analytics", drawer.getByTestId("analytics-sessions")],
      ["Node", drawer.getByLabel("Question", { exact: true })],
    ] as const) {
      await expect.poll(() => insideViewport(drawer.getByRole("tab", { name: tab }))).toBe(true);
      await drawer.getByRole("tab", { name: tab }).click();
      await shows.waitFor();
      // (Strings: they run in the page, whose DOM types this Node project does not load.)
      const sideways = await page.evaluate<number[]>(`[
        ${DRAWER_BODY}.scrollWidth - ${DRAWER_BODY}.clientWidth,
        document.documentElement.scrollWidth - window.innerWidth,
      ]`);
      expect(sideways, `${tab}: drawer and page overflow`).toEqual([0, 0]);
      // No button or tab squeezed until its words are cut off.
      const clipped = await page.evaluate<string[]>(
        `[...${DRAWER_BODY}.parentElement.querySelectorAll("button, [role=tab]")]
          .filter((b) => [b, ...b.querySelectorAll("*")].some((e) => e.scrollWidth > e.clientWidth + 1))
          .map((b) => b.textContent)`,
      );
      expect(clipped, `${tab}: clipped buttons`).toEqual([]);
      await page.screenshot({
        path: `${SCREENSHOTS}bots-editor-phone-drawer-${tab.toLowerCase()}.png`,
        animations: "disabled",
      });
    }
    problems.push(...(await seriousViolations(page)).map((v) => `bots drawer (phone): ${v}`));
  }, 120_000);

  it("finds no serious or critical accessibility violation and no sideways scrolling", () => {
    expect(problems).toEqual([]);
  });
});
