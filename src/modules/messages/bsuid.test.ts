import { randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";

/** Meta's 2026 rule: a user who adopted a username reaches the business with a BSUID and no phone. */
describeEachDatabase("contacts known only by their business-scoped user id", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  async function inboundFromUsernameAdopter(text: string) {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    h.sandbox.emulator.setConfig({ businessScopedUserIds: { enabled: true, usernames: [from] } });
    const { id } = h.sandbox.emulator.injectInbound({ from, profileName: "Anónima", text });
    const message = await eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        wamid: string;
        contactId: string;
      }[];
      return list.find((m) => m.wamid === id);
    });
    return { from, message };
  }

  it("stores and shows the contact without a phone, and answers it through `recipient`", async () => {
    const { from, message } = await inboundFromUsernameAdopter("hola, sin número");
    const contact = (await h.api("GET", `/v1/contacts/${message.contactId}`)).body;
    expect(contact).toMatchObject({ phone: null, waId: null, name: "Anónima", windowOpen: true });
    expect(contact.userId).toMatch(/^AR\.\d+$/);
    const conversations = (await h.api("GET", "/v1/conversations?limit=200")).body.data as {
      contact: { id: string; phone: string | null; userId: string | null };
    }[];
    expect(conversations.find((c) => c.contact.id === message.contactId)?.contact).toMatchObject({
      phone: null,
      userId: contact.userId,
    });

    const sent = await h.api("POST", "/v1/messages", {
      to: contact.userId,
      type: "text",
      text: { body: "¡Hola! Te respondemos por tu usuario." },
    });
    expect(sent.status).toBe(202);
    const delivered = await eventually(async () => {
      const row = (await h.api("GET", `/v1/messages/${sent.body.id}`)).body;
      return row.status === "delivered" || row.status === "read" ? row : undefined;
    });
    expect(delivered.contactId).toBe(message.contactId);
    // Meta got `recipient`, never the phone Charla does not know.
    const atMeta = h.sandbox.emulator.state.messages.get(delivered.wamid);
    expect(atMeta).toMatchObject({ to: contact.userId, userId: contact.userId, sentToUserId: true });
    expect(atMeta?.body.recipient).toBe(contact.userId);
    expect(atMeta?.body.to).toBeUndefined();
    expect(atMeta?.waId).toBe(from);
  });

  it("finds the same contact on the next message and refuses an unknown user id", async () => {
    const { from, message } = await inboundFromUsernameAdopter("primero");
    const { id } = h.sandbox.emulator.injectInbound({ from, text: "segundo" });
    const second = await eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        wamid: string;
        contactId: string;
      }[];
      return list.find((m) => m.wamid === id);
    });
    expect(second.contactId).toBe(message.contactId);
    const unknown = await h.api("POST", "/v1/messages", {
      to: "AR.1234567",
      type: "text",
      text: { body: "x" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe("contact_not_found");
  });
});
