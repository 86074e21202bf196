import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { messagePreview } from "./preview.ts";

describe("message previews", () => {
  it("shows text, captions, titles and emoji, else the kind, and cuts long text", () => {
    expect(messagePreview("text", { text: { body: "Hola" } })).toBe("Hola");
    expect(messagePreview("image", { image: { id: "1", caption: "Factura" } })).toBe("Factura");
    expect(messagePreview("image", { image: { id: "1" } })).toBe("[image]");
    expect(messagePreview("interactive", { interactive: { button_reply: { id: "y", title: "Sí" } } })).toBe(
      "Sí",
    );
    expect(
      messagePreview("interactive", { interactive: { type: "button", body: { text: "¿Confirmás?" } } }),
    ).toBe("¿Confirmás?");
    expect(messagePreview("reaction", { reaction: { message_id: "w", emoji: "👍" } })).toBe("👍");
    expect(messagePreview("text", { text: { body: "x".repeat(300) } })).toHaveLength(120);
  });
});

describeEachDatabase("conversations", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  const fresh = () => `54911${randomInt(10_000_000, 99_999_999)}`;
  const conversationOf = (phone: string) =>
    eventually(
      async () => {
        const list = (await h.api("GET", "/v1/conversations?limit=200")).body.data;
        return list.find((c: { contact: { phone: string } }) => c.contact.phone === `+${phone}`);
      },
      { what: `the conversation with +${phone}` },
    );

  it("threads a customer's messages and the business's replies, counts unread, and follows the window", async () => {
    const from = fresh();
    h.sandbox.emulator.injectInbound({ from, text: "Hola" });
    h.sandbox.emulator.injectInbound({ from, text: "¿Tienen stock?" });
    const opened = await eventually(async () => {
      const conversation = await conversationOf(from);
      return conversation.unreadCount === 2 ? conversation : undefined;
    });
    expect(opened).toMatchObject({
      status: "open",
      phoneNumberId: h.number.id,
      lastMessagePreview: "¿Tienen stock?",
      windowOpen: true,
    });
    expect(new Date(opened.windowExpiresAt).getTime()).toBeGreaterThan(Date.now() + 23 * 3600_000);

    const reply = await h.api("POST", "/v1/messages", {
      to: `+${from}`,
      type: "text",
      text: { body: "¡Sí!" },
    });
    expect(reply.status).toBe(202);
    expect(reply.body.conversationId).toBe(opened.id);

    const thread = (await h.api("GET", `/v1/messages?conversationId=${opened.id}`)).body.data;
    expect(thread.map((m: { direction: string }) => m.direction)).toEqual(["outbound", "inbound", "inbound"]);
    const afterReply = (await h.api("GET", `/v1/conversations/${opened.id}`)).body;
    expect(afterReply).toMatchObject({ lastMessagePreview: "¡Sí!", unreadCount: 2 });

    const read = await h.api("PATCH", `/v1/conversations/${opened.id}`, { read: true, status: "resolved" });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ unreadCount: 0, status: "resolved" });
    expect((await h.api("GET", "/v1/conversations?unread=true&limit=200")).body.data).not.toContainEqual(
      expect.objectContaining({ id: opened.id }),
    );

    // The customer writes again: the conversation reopens with one unread.
    h.sandbox.emulator.injectInbound({ from, text: "Gracias" });
    const reopened = await eventually(async () => {
      const conversation = (await h.api("GET", `/v1/conversations/${opened.id}`)).body;
      return conversation.unreadCount === 1 ? conversation : undefined;
    });
    expect(reopened).toMatchObject({ status: "open", lastMessagePreview: "Gracias" });
  });

  it("keeps the window per business number: another number must start with a template", async () => {
    const from = fresh();
    h.sandbox.emulator.injectInbound({ from, text: "Hola" });
    await conversationOf(from);
    const numbers = (await h.api("GET", "/v1/phone-numbers")).body.data as { id: string; status: string }[];
    const other = numbers.find((number) => number.id !== h.number.id && number.status === "connected");
    expect(other).toBeDefined();
    const res = await h.api("POST", "/v1/messages", {
      to: `+${from}`,
      from: other!.id,
      type: "text",
      text: { body: "Hola desde otro número" },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("window_closed");
    const same = await h.api("POST", "/v1/messages", {
      to: `+${from}`,
      type: "text",
      text: { body: "Hola" },
    });
    expect(same.status).toBe(202);
  });

  it("refuses bad input and keeps tenants apart", async () => {
    const from = fresh();
    h.sandbox.emulator.injectInbound({ from, text: "Hola" });
    const conversation = await conversationOf(from);
    expect((await h.api("PATCH", `/v1/conversations/${conversation.id}`, {})).status).toBe(400);
    expect((await h.api("GET", "/v1/conversations?cursor=nonsense")).body.code).toBe("invalid_cursor");

    const other = await makeTenant(h);
    const foreign = await h.api("GET", `/v1/conversations/${conversation.id}`, undefined, other.apiKey);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("conversation_not_found");
    const theirs = await h.api("GET", "/v1/conversations", undefined, other.apiKey);
    expect(theirs.body.data).toEqual([]);
    const patch = await h.api("PATCH", `/v1/conversations/${conversation.id}`, { read: true }, other.apiKey);
    expect(patch.status).toBe(404);
  });

  it("pages with a cursor, most recent first", async () => {
    for (let i = 0; i < 3; i++) h.sandbox.emulator.injectInbound({ from: fresh(), text: `page ${i}` });
    const all = await eventually(async () => {
      const list = (await h.api("GET", "/v1/conversations?limit=200")).body.data as { id: string }[];
      return list.length >= 5 ? list : undefined;
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = (await h.api("GET", `/v1/conversations?limit=2${query}`)).body;
      seen.push(...page.data.map((c: { id: string }) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((c) => c.id));
  });
});
