/**
 * The rules' timers survive a restart like statuses, reviews and retries do: a template's pause and
 * the check of a RED quality, a portfolio's step up, a throughput upgrade's downtime, a message
 * held by pacing and Meta's onboarding reviews each happen at their original time after the
 * emulator comes back from its data folder, not counted again from the restart.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { WebhookEvent } from "../../whatsapp/types.ts";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_APP_SECRET, type SeedWaba } from "../config.ts";
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "../server.ts";
import { startWebhookCollector, type WebhookCollector } from "../testing.ts";

const WABA = "400000000000001";
const PN = "410000000000001";
const PN_UPGRADE = "410000000000002";
const WABAS: SeedWaba[] = [
  {
    id: WABA,
    name: "Restart",
    portfolioId: "portfolio-restart",
    phoneNumbers: [
      { id: PN, displayPhoneNumber: "+1 555-040-0001", verifiedName: "R", messagingLimitTier: "TIER_50" },
      {
        id: PN_UPGRADE,
        displayPhoneNumber: "+1 555-040-0002",
        verifiedName: "U",
        messagingLimitTier: "TIER_50",
      },
    ],
  },
];
/** Every rule's delay: long enough that "from the restart" and "on time" differ by the downtime. */
const DELAY = 3_000;
const DOWNTIME = 1_200;

const dataDir = mkdtempSync(join(tmpdir(), "charla-emu-rules-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// biome-ignore lint/suspicious/noExplicitAny: Graph bodies are asserted field by field
type Json = any;
let seq = 0;
const mx = () => `5215${String(70_000_000 + ++seq)}`;

async function call(emu: RunningEmulator, path: string, body?: unknown, graph = true): Promise<Json> {
  const res = await fetch(`${emu.url}${graph ? "/v25.0" : "/_emulator"}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${DEFAULT_ACCESS_TOKEN}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return res.json();
}
const sendTemplate = (emu: RunningEmulator, name: string, language: string, phone = PN) =>
  call(emu, `/${phone}/messages`, {
    messaging_product: "whatsapp",
    to: mx(),
    type: "template",
    template: { name, language: { code: language } },
  });
const templateId = (emu: RunningEmulator, name: string) =>
  [...emu.state.templates.values()].find((t) => t.name === name && t.wabaId === WABA)!.id;

/** When the first delivered notification matching `match` arrived. */
function arrival(hook: WebhookCollector, match: (change: Json, events: WebhookEvent[]) => boolean) {
  const hit = hook.deliveries.find(
    (d) =>
      d.answered === 200 &&
      JSON.parse(d.raw.toString()).entry[0].changes.some((c: Json) => match(c, d.events)),
  );
  return hit?.at;
}
const templateTitle = (id: string, title: string) => (c: Json) =>
  c.field === "message_template_status_update" &&
  String(c.value.message_template_id) === id &&
  c.value.other_info?.title === title;

describe("rule timers across a restart", () => {
  it("pause end, RED check, scaling, upgrade downtime, pacing hold and reviews keep their due times", async () => {
    const hook = await startWebhookCollector({ appSecret: DEFAULT_APP_SECRET });
    const options: StartEmulatorOptions = {
      wabas: WABAS,
      dataDir,
      webhookUrl: hook.url,
      statusDelaysMs: { sent: 5, delivered: 10, read: null },
      throughputPerSecond: 0,
      pairRate: null,
      marketing: { enabled: false },
      templateReview: { delayMs: 5 },
      messagingLimits: { autoScale: true, scaleDelayMs: DELAY },
      templatePausing: { afterRedMs: DELAY, firstPauseMs: DELAY },
      throughputUpgrade: { downtimeMs: DELAY },
      templatePacing: { threshold: 0, holdMs: DELAY },
      businessVerification: { delayMs: DELAY },
      accountReview: { delayMs: DELAY },
      displayNameReview: { delayMs: DELAY },
    };
    const first = await startEmulator(options);
    let second: RunningEmulator | undefined;
    try {
      // A new marketing template, approved, is paced: with threshold 0 its first send is held.
      const created = await call(first, `/${WABA}/message_templates`, {
        name: "paced_restart",
        language: "es",
        category: "MARKETING",
        components: [{ type: "BODY", text: "¡Oferta!" }],
      });
      await hook.waitFor((e) => e.some((x) => x.kind === "template_status" && x.templateId === created.id));
      const since = { scale: Date.now(), held: 0, unpause: 0, check: 0, upgrade: 0, reviews: 0 };
      for (let i = 0; i < 25; i++) await sendTemplate(first, "hello_world", "en_US"); // half of 50: step up due
      since.held = Date.now();
      const held = (await sendTemplate(first, "paced_restart", "es")).messages[0];
      expect(held.message_status).toBe("held_for_quality_assessment");
      since.unpause = Date.now();
      first.setConfig({ templatePausing: { afterRedMs: 0 } }); // paused at once: its end is due
      await call(first, `/templates/${templateId(first, "order_update")}/quality`, { score: "RED" }, false);
      first.setConfig({ templatePausing: { afterRedMs: DELAY } });
      since.check = Date.now();
      await call(first, `/templates/${templateId(first, "hello_world")}/quality`, { score: "RED" }, false);
      since.upgrade = Date.now();
      await call(first, "/throughput-upgrade", { phoneNumberId: PN_UPGRADE }, false);
      since.reviews = Date.now(); // and Meta's onboarding reviews
      await call(first, "/businesses/portfolio-restart/verification", {}, false);
      await call(first, `/wabas/${WABA}/review`, {}, false);
      await call(first, `/phone-numbers/${PN}/name-review`, { name: "Restart Name" }, false);
      const lastSetAt = Date.now();
      await first.close();
      await new Promise((resolve) => setTimeout(resolve, DOWNTIME));
      const restartedAt = Date.now();
      second = await startEmulator(options);

      // Still under way after the restart.
      const during = await sendTemplate(second, "hello_world", "en_US", PN_UPGRADE);
      expect(during.error.code).toBe(131057);
      expect(second.state.templates.get(templateId(second, "order_update"))?.status).toBe("PAUSED");

      const checks = {
        unpause: templateTitle(templateId(second, "order_update"), "UNPAUSE"),
        check: templateTitle(templateId(second, "hello_world"), "FIRST_PAUSE"),
        scale: (c: Json) => c.field === "phone_number_quality_update" && c.value.event === "UPGRADE",
        upgrade: (c: Json) =>
          c.field === "phone_number_quality_update" &&
          c.value.event === "THROUGHPUT_UPGRADE" &&
          c.value.display_phone_number === "15550400002",
        held: (c: Json) => c.value.statuses?.some((s: Json) => s.id === held.id && s.status === "delivered"),
        verification: (c: Json) =>
          c.field === "account_update" && c.value.partner_client_certification_info?.status === "APPROVED",
        policy: (c: Json) => c.field === "account_review_update" && c.value.decision === "APPROVED",
        name: (c: Json) =>
          c.field === "phone_number_name_update" && c.value.requested_verified_name === "Restart Name",
      };
      const startedAt = (name: string) => (since as Record<string, number>)[name] ?? since.reviews;
      await hook.waitFor(
        () => Object.values(checks).every((match) => arrival(hook, match) !== undefined),
        15_000,
      );
      for (const [name, match] of Object.entries(checks)) {
        const at = arrival(hook, match)!;
        // Not before its original time, and well before the same delay counted from the restart.
        expect(at, name).toBeGreaterThanOrEqual(startedAt(name) + DELAY - 50);
        expect(at, name).toBeLessThan(restartedAt + DELAY - (restartedAt - lastSetAt) / 2);
      }
      expect(second.state.phones.get(PN_UPGRADE)?.throughputPerSecond).toBe(1_000);
      expect((await call(second, "/portfolios", undefined, false)).data[0]).toMatchObject({
        tier: "TIER_250",
        scalePending: false,
      });
    } finally {
      await second?.close();
      await hook.close();
    }
  });
});
