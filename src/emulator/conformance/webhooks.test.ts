/**
 * Every webhook the emulator sends, checked against Meta's OpenAPI description (read at test time):
 * the WebhookPayload schema where it is usable, and the description's own webhook examples. Where
 * the description is wrong or silent and Meta's docs say otherwise, the test says so.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_WABAS } from "../config.ts";
import { type ConformanceRig, startRig } from "./harness.ts";
import { shapeDiff } from "./shape.ts";
import { loadMetaSpec, type MetaSpec, violations } from "./spec.ts";

const PN = DEFAULT_WABAS[0]!.phoneNumbers[0]!.id;
const WEBHOOKS = "/whatsapp/webhooks";

interface Change {
  field: string;
  value: Record<string, unknown> & { messages?: Record<string, unknown>[]; statuses?: unknown[] };
}

let spec: MetaSpec;
let rig: ConformanceRig;
let examples: Record<string, { entry: { changes: Change[] }[] }>;
let seq = 0;
const customerNumber = () => `5215${String(50_000_000 + ++seq)}`;

/** The raw bodies the receiver got (every one validly signed), as parsed JSON. */
const received = () =>
  rig.hook.deliveries.map((d) => {
    expect(d.signatureValid).toBe(true);
    return JSON.parse(d.raw.toString("utf8")) as {
      object: string;
      entry: { id: string; changes: Change[] }[];
    };
  });
const changes = () => received().flatMap((b) => b.entry.flatMap((e) => e.changes));
const inboundMessage = (id: string) =>
  changes().find((c) => c.value.messages?.some((m) => m.id === id)) as Change | undefined;

/** The description's example message of a type (and interactive sub-type). */
function exampleMessage(type: string, sub?: string): Record<string, unknown> {
  for (const ex of Object.values(examples)) {
    const m = ex.entry[0]?.changes[0]?.value.messages?.[0];
    if (m?.type === type && (!sub || (m.interactive as { type?: string } | undefined)?.type === sub))
      return m;
  }
  throw new Error(`Meta's description has no webhook example of a ${type} ${sub ?? ""} message`);
}

beforeAll(async () => {
  spec = loadMetaSpec();
  examples = spec.requestExamples(WEBHOOKS, "POST") as typeof examples;
  rig = await startRig();
});
afterAll(() => rig?.close());

describe("the description's webhook schema", () => {
  it("rejects Meta's own inbound-message examples: IncomingMessage resolves to the outbound message schemas", () => {
    const validate = spec.request(WEBHOOKS, "POST");
    const text = examples["Text Message"];
    expect(text).toBeDefined();
    const errors = violations(validate, text);
    // A schema-name clash in the description: inbound TextMessage etc. are the send-API schemas,
    // which require messaging_product, recipient_type and to. Meta's docs (and its examples) have none.
    expect(errors.some((e) => e.includes("'recipient_type'"))).toBe(true);
  });

  it("covers only messages and group fields, not template or phone-number webhooks", () => {
    const change = spec.doc.components.schemas.Change as { properties: { field: { enum: string[] } } };
    expect(change.properties.field.enum).toContain("messages");
    for (const field of [
      "message_template_status_update",
      "message_template_quality_update",
      "phone_number_quality_update",
    ])
      expect(change.properties.field.enum).not.toContain(field);
  });
});

describe("inbound messages", () => {
  it("each type has the fields of Meta's example of that type, in a valid envelope", async () => {
    const from = customerNumber();
    const cases: [Parameters<ConformanceRig["emu"]["injectInbound"]>[0], string, string?][] = [
      [{ from, to: PN, text: "¿Tienen otro color?" }, "text"],
      [{ from, to: PN, image: { caption: "foto" } }, "image"],
      [
        { from, to: PN, location: { latitude: 19.4, longitude: -99.1, name: "Zócalo", address: "CDMX" } },
        "location",
      ],
      [
        {
          from,
          to: PN,
          contacts: [
            {
              name: { formatted_name: "Ana Ruiz", first_name: "Ana", last_name: "Ruiz" },
              org: { company: "Acme" },
              phones: [{ phone: "+5215550000000", type: "CELL", wa_id: "5215550000000" }],
            },
          ],
        },
        "contacts",
      ],
      [{ from, to: PN, reaction: { message_id: "wamid.abc", emoji: "❤️" } }, "reaction"],
      [{ from, to: PN, button: { payload: "STOP", text: "Stop promotions" } }, "button"],
      [{ from, to: PN, buttonReply: { id: "yes", title: "Sí" } }, "interactive", "button_reply"],
      [
        { from, to: PN, listReply: { id: "m", title: "Talla M", description: "Mediana" } },
        "interactive",
        "list_reply",
      ],
      [{ from, to: PN, type: "unsupported" }, "unsupported"],
    ];
    const generalValue = spec.schema("IncomingMessageValueGeneral");
    for (const [input, type, sub] of cases) {
      const { id } = rig.emu.injectInbound(input);
      await rig.hook.waitFor(() => inboundMessage(id) !== undefined);
      const change = inboundMessage(id)!;
      expect(change.field).toBe("messages");
      // The envelope, metadata and contacts against the description; the message against its example
      // (a reply's context, an ad's referral and a place's url come only in those cases).
      expect(violations(generalValue, { ...change.value, messages: [] })).toEqual([]);
      const message = change.value.messages![0]!;
      expect(message.type).toBe(type);
      expect(
        shapeDiff(exampleMessage(type, sub), message, "", ["/context", "/referral", "/location/url"]),
        type,
      ).toEqual([]);
    }
  });

  it("audio, video, document and sticker have the media fields of Meta's image example", async () => {
    const from = customerNumber();
    const image = exampleMessage("image").image as Record<string, unknown>;
    const { caption: _caption, ...mediaFields } = image;
    for (const type of ["audio", "video", "document", "sticker"] as const) {
      const { id } = rig.emu.injectInbound({ from, to: PN, [type]: { filename: "f" } });
      await rig.hook.waitFor(() => inboundMessage(id) !== undefined);
      const message = inboundMessage(id)!.value.messages![0]!;
      expect(shapeDiff(mediaFields, message[type]), type).toEqual([]);
    }
  });
});

describe("statuses", () => {
  it("sent, delivered, read and failed validate against the description's WebhookPayload", async () => {
    const to = customerNumber();
    rig.emu.injectInbound({ from: to, to: PN, text: "hola" });
    const ok = await rig.graph("POST", `/${PN}/messages`, {
      messaging_product: "whatsapp",
      to,
      type: "text",
      text: { body: "¡Hola!" },
    });
    const failed = await rig.graph("POST", `/${PN}/messages`, {
      messaging_product: "whatsapp",
      to: "9990001112",
      type: "template",
      template: { name: "hello_world", language: { code: "en_US" } },
    });
    const ids = [ok.body.messages[0].id, failed.body.messages[0].id];
    const statusesOf = () =>
      received().filter((b) =>
        b.entry.some((e) =>
          e.changes.some((c) => c.value.statuses?.some((s) => ids.includes((s as { id: string }).id))),
        ),
      );
    await rig.hook.waitFor(() => statusesOf().length >= 4, 5_000);
    const validate = spec.request(WEBHOOKS, "POST");
    const seen = new Set<string>();
    for (const body of statusesOf()) {
      expect(violations(validate, body)).toEqual([]);
      for (const s of body.entry[0]!.changes[0]!.value.statuses as { status: string }[]) seen.add(s.status);
    }
    expect([...seen].sort()).toEqual(["delivered", "failed", "read", "sent"]);
  });
});

describe("business-scoped user ids", () => {
  it("a status for a message sent to a BSUID has no recipient_id: Meta's 2026 docs, which the v23 description predates", async () => {
    const user = customerNumber();
    const { id } = rig.emu.injectInbound({ from: user, to: PN, text: "hola" });
    await rig.hook.waitFor(() => inboundMessage(id) !== undefined);
    const userId = inboundMessage(id)!.value.messages![0]!.from_user_id as string;
    const sent = await rig.graph("POST", `/${PN}/messages`, {
      messaging_product: "whatsapp",
      recipient: userId,
      type: "text",
      text: { body: "hola" },
    });
    const msgId = sent.body.messages[0].id;
    const statusBody = () =>
      received().find((b) =>
        b.entry[0]?.changes[0]?.value.statuses?.some((s) => (s as { id: string }).id === msgId),
      );
    await rig.hook.waitFor(() => statusBody() !== undefined);
    const errors = violations(spec.request(WEBHOOKS, "POST"), statusBody());
    expect(errors.some((e) => e.includes("'recipient_id'"))).toBe(true);
    const status = statusBody()!.entry[0]!.changes[0]!.value.statuses![0] as Record<string, unknown>;
    expect(status.recipient_user_id).toBe(userId);
  });
});

describe("account and template webhooks (not in the description: checked against Meta's docs)", () => {
  it("template status, template quality and phone number quality have the fields Meta's docs list", async () => {
    const wabaId = DEFAULT_WABAS[0]!.id;
    const template = [...rig.emu.state.templates.values()].find((t) => t.wabaId === wabaId)!;
    await fetch(`${rig.emu.url}/_emulator/templates/${template.id}/status`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ status: "PAUSED" }),
    });
    await fetch(`${rig.emu.url}/_emulator/templates/${template.id}/quality`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ score: "RED" }),
    });
    await fetch(`${rig.emu.url}/_emulator/quality`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        phoneNumberId: PN,
        event: "THROUGHPUT_UPGRADE",
        maxDailyConversationsPerBusiness: "TIER_UNLIMITED",
      }),
    });
    const byField = (field: string) => () => changes().find((c) => c.field === field);
    await rig.hook.waitFor(() => byField("phone_number_quality_update")() !== undefined);
    const bodies = received();
    for (const body of bodies) {
      expect(body.object).toBe("whatsapp_business_account");
      for (const entry of body.entry) expect(typeof entry.id).toBe("string");
    }
    expect(Object.keys(byField("message_template_status_update")()!.value).sort()).toEqual([
      "event",
      "message_template_id",
      "message_template_language",
      "message_template_name",
      "reason",
    ]);
    expect(Object.keys(byField("message_template_quality_update")()!.value).sort()).toEqual([
      "message_template_id",
      "message_template_language",
      "message_template_name",
      "new_quality_score",
      "previous_quality_score",
    ]);
    // Since February 2026: max_daily_conversations_per_business, no current_limit.
    expect(byField("phone_number_quality_update")()!.value).toEqual({
      display_phone_number: "15550100001",
      event: "THROUGHPUT_UPGRADE",
      max_daily_conversations_per_business: "TIER_UNLIMITED",
    });
    const timed = bodies.filter((b) => b.entry.some((e) => e.changes.some((c) => c.field !== "messages")));
    for (const b of timed)
      for (const e of b.entry) expect(typeof (e as { time?: unknown }).time).toBe("number");
  });
});
