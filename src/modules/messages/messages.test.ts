import { createHmac, randomInt } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { templates } from "../../db/schema.ts";
import { messages, whatsappWebhookEvents } from "./schema.ts";

const freshPhone = () => `+54911${randomInt(10_000_000, 99_999_999)}`;

describeEachDatabase("messaging core", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, { DISPATCH_RECONCILE_SECONDS: "1" });
    // Connecting the account imports the templates it already has at Meta (the sandbox seeds order_update).
    await eventually(async () => {
      const list = await h.api("GET", "/v1/templates?name=order_update");
      return list.body.data.find(
        (t: { status: string; language: string }) => t.status === "approved" && t.language === "en_US",
      );
    });
  });
  afterAll(() => h?.close());

  const message = (id: string) => h.api("GET", `/v1/messages/${id}`).then((res) => res.body);
  const statusOf = (id: string, status: string) =>
    eventually(async () => ((await message(id)).status === status ? message(id) : undefined), {
      what: `${id} ${status}`,
    });
  const customerWrites = (phone: string, text: string) =>
    h.sandbox.emulator.injectInbound({ from: phone.slice(1), text });
  const optIn = (phone: string) =>
    h.api("POST", "/v1/contacts", { phone, optIn: { source: "checkout form" } });
  const template = (to: string, body = ["Ana", "A-77"]) => ({
    to,
    type: "template",
    template: { name: "order_update", language: "en_US", parameters: { body } },
  });

  it("refuses free-form messages outside the 24-hour window and never sends them", async () => {
    const to = freshPhone();
    const res = await h.api("POST", "/v1/messages", { to, type: "text", text: { body: "hello" } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("window_closed");
    expect(res.body.detail).toContain("template");
  });

  it("stores an inbound message, creates the contact, opens the window, and lets the reply through to read", async () => {
    const phone = freshPhone();
    customerWrites(phone, "Hola, ¿tienen stock?");
    const inbound = await eventually(async () => {
      const list = await h.api("GET", "/v1/messages?direction=inbound&limit=200");
      return list.body.data.find(
        (m: { content: { text?: { body: string } } }) => m.content.text?.body === "Hola, ¿tienen stock?",
      );
    });
    expect(inbound).toMatchObject({ status: "received", type: "text", direction: "inbound" });
    const contact = await h.api("GET", `/v1/contacts/${inbound.contactId}`);
    expect(contact.body).toMatchObject({ phone, windowOpen: true, optedIn: false });

    const sent = await h.api("POST", "/v1/messages", {
      to: phone,
      type: "text",
      text: { body: "¡Sí!" },
      replyTo: inbound.wamid,
    });
    expect(sent.status).toBe(202);
    expect(sent.body.status).toBe("queued");
    const read = await statusOf(sent.body.id, "read");
    expect(read.wamid).toMatch(/^wamid\./);
    expect(read.sentAt && read.deliveredAt && read.readAt).toBeTruthy();
    const atMeta = h.sandbox.emulator.state.messages.get(read.wamid);
    expect(atMeta?.body).toMatchObject({
      type: "text",
      context: { message_id: inbound.wamid },
      biz_opaque_callback_data: sent.body.id,
    });
  });

  it("sends every free-form type inside the window", async () => {
    const phone = freshPhone();
    customerWrites(phone, "hi");
    await eventually(
      async () => (await h.api("POST", "/v1/contacts", { phone })).body.windowOpen || undefined,
    );
    const bodies = [
      { type: "image", image: { link: "https://example.com/a.jpg", caption: "a" } },
      { type: "document", document: { link: "https://example.com/a.pdf", filename: "a.pdf" } },
      { type: "audio", audio: { link: "https://example.com/a.ogg" } },
      { type: "video", video: { link: "https://example.com/a.mp4" } },
      { type: "sticker", sticker: { link: "https://example.com/a.webp" } },
      { type: "location", location: { latitude: -34.6, longitude: -58.38, name: "Obelisco" } },
      {
        type: "contacts",
        contacts: [{ name: { formatted_name: "Ana" }, phones: [{ phone: "+5491100000000" }] }],
      },
      {
        type: "interactive",
        interactive: {
          type: "button",
          body: { text: "¿Confirmás?" },
          action: { buttons: [{ type: "reply", reply: { id: "yes", title: "Sí" } }] },
        },
      },
      {
        type: "interactive",
        interactive: {
          type: "list",
          body: { text: "Elegí" },
          action: { button: "Opciones", sections: [{ title: "A", rows: [{ id: "1", title: "Uno" }] }] },
        },
      },
      {
        type: "interactive",
        interactive: {
          type: "cta_url",
          body: { text: "Mirá" },
          action: { name: "cta_url", parameters: { display_text: "Abrir", url: "https://example.com" } },
        },
      },
    ];
    const ids: string[] = [];
    for (const body of bodies) {
      const res = await h.api("POST", "/v1/messages", { to: phone, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(202);
      ids.push(res.body.id);
    }
    for (const id of ids) expect((await statusOf(id, "read")).wamid).toBeTruthy();
  });

  it("requires an opt-in for templates, then sends an approved template with complete parameters", async () => {
    const to = freshPhone();
    const refused = await h.api("POST", "/v1/messages", template(to));
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("consent_required");

    await optIn(to);
    const missing = await h.api("POST", "/v1/messages", template(to, ["Ana"]));
    expect(missing.body.code).toBe("template_parameters_invalid");
    expect(missing.body.errors[0].code).toBe("missing_parameter");
    const unknown = await h.api("POST", "/v1/messages", {
      ...template(to),
      template: { name: "nope", language: "en_US" },
    });
    expect(unknown.body.code).toBe("template_not_found");

    const sent = await h.api("POST", "/v1/messages", template(to));
    expect(sent.status).toBe(202);
    const delivered = await statusOf(sent.body.id, "read");
    expect(delivered.category).toBe("utility");
    const atMeta = h.sandbox.emulator.state.messages.get(delivered.wamid);
    expect(atMeta?.body.template).toMatchObject({
      name: "order_update",
      components: [
        {
          type: "body",
          parameters: [
            { type: "text", text: "Ana" },
            { type: "text", text: "A-77" },
          ],
        },
      ],
    });
  });

  it("refuses a template that is not approved", async () => {
    const to = freshPhone();
    await optIn(to);
    const { db } = h.charla.services.database;
    await db.update(templates).set({ status: "paused" }).where(eq(templates.name, "order_update"));
    const res = await h.api("POST", "/v1/messages", template(to));
    await db.update(templates).set({ status: "approved" }).where(eq(templates.name, "order_update"));
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "template_not_approved", templateStatus: "paused" });
  });

  it("opts a contact out on STOP / BAJA / SAIR, confirms once, and never sends marketing afterwards", async () => {
    const phone = freshPhone();
    const contact = (await optIn(phone)).body;
    customerWrites(phone, "  baja. ");
    const optedOut = await eventually(async () => {
      const c = (await h.api("GET", `/v1/contacts/${contact.id}`)).body;
      return c.optedOutAt ? c : undefined;
    });
    expect(optedOut.optedIn).toBe(false);
    const confirmations = () =>
      h.api("GET", `/v1/messages?direction=outbound&contactId=${contact.id}`).then((r) => r.body.data);
    const [confirmation] = await eventually(async () => {
      const list = await confirmations();
      return list.length === 1 && list[0].wamid ? list : undefined;
    });
    expect(confirmation.content.text.body).toContain("Ya no recibirás");

    customerWrites(phone, "BAJA");
    await eventually(async () => {
      const list = await h.api("GET", `/v1/messages?direction=inbound&contactId=${contact.id}`);
      return list.body.data.length === 2 || undefined;
    });
    // The second BAJA is stored but not confirmed again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await confirmations()).toHaveLength(1);

    const refused = await h.api("POST", "/v1/messages", template(phone));
    expect(refused.body.code).toBe("consent_required");
    const consent = await h.api("GET", `/v1/contacts/${contact.id}/consent`);
    expect(consent.body.data.map((e: { kind: string; source: string }) => `${e.kind}:${e.source}`)).toEqual([
      "opt_in:checkout form",
      "opt_out:keyword",
    ]);
  });

  it("marks a message to someone not on WhatsApp failed with Meta's error", async () => {
    const to = freshPhone();
    h.sandbox.emulator.setConfig({ notOnWhatsApp: { numbers: [to.slice(1)], prefixes: [], pattern: null } });
    await optIn(to);
    const sent = await h.api("POST", "/v1/messages", template(to));
    expect(sent.status).toBe(202);
    const failed = await statusOf(sent.body.id, "failed");
    expect(failed.error).toMatchObject({ code: 131026 });
  });

  it("honours Idempotency-Key: same body replays the same message, another body is refused", async () => {
    const to = freshPhone();
    await optIn(to);
    const key = `order-${randomInt(1e9)}`;
    const send = (body: unknown) =>
      fetch(`${h.url}/v1/messages`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${h.apiKey}`,
          "content-type": "application/json",
          "idempotency-key": key,
        },
        body: JSON.stringify(body),
      });
    const [a, b] = await Promise.all([send(template(to)), send(template(to))]);
    const [bodyA, bodyB] = [(await a.json()) as { id: string }, (await b.json()) as { id: string }];
    expect(bodyA.id).toBe(bodyB.id);
    expect([a.status, b.status].sort()).toEqual([200, 202]);
    const other = await send(template(to, ["Otro", "B-1"]));
    expect(other.status).toBe(422);
    expect(((await other.json()) as { code: string }).code).toBe("idempotency_key_reused");
    const { db } = h.charla.services.database;
    const [{ n }] = (await db
      .select({ n: count() })
      .from(messages)
      .where(eq(messages.idempotencyKey, key))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("validates the recipient and the body", async () => {
    const bad = await h.api("POST", "/v1/messages", { to: "12", type: "text", text: { body: "x" } });
    expect(bad.status).toBe(400);
    const phone = await h.api("POST", "/v1/messages", {
      to: "not a phone",
      type: "text",
      text: { body: "x" },
    });
    expect(phone.body.code).toBe("invalid_phone_number");
    const media = await h.api("POST", "/v1/messages", { to: freshPhone(), type: "image", image: {} });
    expect(media.body.code).toBe("validation_failed");
  });

  it("applies repeated and out-of-order statuses without moving a message backwards", async () => {
    const phone = freshPhone();
    customerWrites(phone, "hola");
    await eventually(
      async () => (await h.api("POST", "/v1/contacts", { phone })).body.windowOpen || undefined,
    );
    const sent = await h.api("POST", "/v1/messages", { to: phone, type: "text", text: { body: "x" } });
    const done = await statusOf(sent.body.id, "read");
    const statusWebhook = (status: string, ts: number) => ({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "100000000000001",
          changes: [
            {
              field: "messages",
              value: {
                messaging_product: "whatsapp",
                metadata: { display_phone_number: "15550100001", phone_number_id: h.number.phoneNumberId },
                statuses: [{ id: done.wamid, status, timestamp: String(ts), recipient_id: phone.slice(1) }],
              },
            },
          ],
        },
      ],
    });
    const post = (body: unknown) => {
      const raw = JSON.stringify(body);
      const signature = `sha256=${createHmac("sha256", h.sandbox.graph.appSecret).update(raw).digest("hex")}`;
      return fetch(`${h.url}/webhooks/whatsapp`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature-256": signature },
        body: raw,
      });
    };
    const now = Math.floor(Date.now() / 1000);
    for (const [status, ts] of [
      ["delivered", now + 5],
      ["sent", now + 4],
      ["read", now + 6],
      ["delivered", now + 5],
    ] as const) {
      expect((await post(statusWebhook(status, ts))).status).toBe(200);
    }
    const { db } = h.charla.services.database;
    await eventually(async () => {
      const [{ n }] = (await db
        .select({ n: count() })
        .from(whatsappWebhookEvents)
        .where(eq(whatsappWebhookEvents.processedAt, whatsappWebhookEvents.processedAt))) as [{ n: number }];
      const [{ pending }] = (
        (await db.execute(
          `select count(*)::int as pending from whatsapp_webhook_events where processed_at is null`,
        )) as unknown as { rows: { pending: number }[] }
      ).rows as [{ pending: number }];
      return n > 0 && pending === 0;
    });
    const after = await message(sent.body.id);
    expect(after.status).toBe("read");
    expect(after.readAt).toBe(done.readAt);
  });

  it("refuses unsigned or malformed webhooks and stores nothing of them", async () => {
    const { db } = h.charla.services.database;
    const countEvents = async () =>
      ((await db.select({ n: count() }).from(whatsappWebhookEvents)) as [{ n: number }])[0].n;
    const before = await countEvents();
    const raw = JSON.stringify({ object: "whatsapp_business_account", entry: [] });
    const unsigned = await fetch(`${h.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw,
    });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { code: string }).code).toBe("invalid_signature");
    const badBody = '{"object":"whatsapp_business_account","entry":[{"changes":"nope"}]}';
    const signed = await fetch(`${h.url}/webhooks/whatsapp`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-hub-signature-256": `sha256=${createHmac("sha256", h.sandbox.graph.appSecret).update(badBody).digest("hex")}`,
      },
      body: badBody,
    });
    expect(signed.status).toBe(400);
    expect(((await signed.json()) as { code: string }).code).toBe("invalid_webhook_payload");
    expect(await countEvents()).toBe(before);
    const handshake = await fetch(
      `${h.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${h.sandbox.graph.verifyToken}&hub.challenge=42`,
    );
    expect(await handshake.text()).toBe("42");
    expect(
      (await fetch(`${h.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1`))
        .status,
    ).toBe(403);
  });

  it("pages through messages with a cursor and keeps tenants apart", async () => {
    const first = await h.api("GET", "/v1/messages?limit=2");
    expect(first.body.data).toHaveLength(2);
    const second = await h.api("GET", `/v1/messages?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.data, ...second.body.data].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(4);
    expect((await h.api("GET", "/v1/messages?cursor=garbage")).body.code).toBe("invalid_cursor");

    const other = await makeTenant(h);
    expect((await h.api("GET", `/v1/messages/${ids[0]}`, undefined, other.apiKey)).status).toBe(404);
    expect((await h.api("GET", "/v1/messages", undefined, other.apiKey)).body.data).toHaveLength(0);
    const noNumber = await h.api("POST", "/v1/messages", template(freshPhone()), other.apiKey);
    expect(noNumber.body.code).toBe("no_phone_number");
  });
});
