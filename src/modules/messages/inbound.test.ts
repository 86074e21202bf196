import { randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";

describeEachDatabase("inbound messages of every kind", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("stores replies, locations, reactions and contacts once each, under one auto-created contact", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    const inputs = [
      { buttonReply: { id: "confirm", title: "Confirmar" } },
      { listReply: { id: "size-m", title: "Talle M", description: "Mediano" } },
      { button: { payload: "STOP_PROMOS", text: "Stop promotions" } },
      { location: { latitude: -34.6037, longitude: -58.3816, name: "Obelisco" } },
      { reaction: { message_id: "wamid.previous", emoji: "👍" } },
      { contacts: [{ name: { formatted_name: "Ana" }, phones: [{ phone: "+5491100000000" }] }] },
    ];
    const ids = inputs.map(
      (input) => h.sandbox.emulator.injectInbound({ from, profileName: "Lucía", ...input } as never).id,
    );
    const stored = await eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        wamid: string;
      }[];
      const mine = list.filter((m) => ids.includes(m.wamid));
      return mine.length === ids.length ? mine : undefined;
    });
    const byWamid = new Map(
      stored.map((m) => [
        m.wamid,
        m as unknown as {
          type: string;
          content: { location?: { latitude: number } };
          contactId: string;
        },
      ]),
    );
    expect(byWamid.get(ids[0]!)).toMatchObject({
      type: "interactive",
      content: { interactive: { button_reply: { id: "confirm" } } },
    });
    expect(byWamid.get(ids[1]!)).toMatchObject({
      type: "interactive",
      content: { interactive: { list_reply: { id: "size-m" } } },
    });
    expect(byWamid.get(ids[2]!)).toMatchObject({
      type: "button",
      content: { button: { payload: "STOP_PROMOS" } },
    });
    expect(byWamid.get(ids[3]!)?.content.location?.latitude).toBeCloseTo(-34.6037);
    expect(byWamid.get(ids[4]!)).toMatchObject({ type: "reaction", content: { reaction: { emoji: "👍" } } });
    expect(byWamid.get(ids[5]!)?.type).toBe("contacts");
    const contactIds = new Set(stored.map((m) => (m as unknown as { contactId: string }).contactId));
    expect(contactIds.size).toBe(1);
    const contact = (await h.api("GET", `/v1/contacts/${[...contactIds][0]}`)).body;
    expect(contact).toMatchObject({ phone: `+${from}`, name: "Lucía", windowOpen: true, optedIn: false });
  });

  it("ignores a webhook Meta repeats", async () => {
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    h.sandbox.emulator.setConfig({ faults: { webhookDuplicateRate: 1 } });
    const { id } = h.sandbox.emulator.injectInbound({ from, text: "hola dos veces" });
    await h.sandbox.emulator.drainWebhooks(5_000);
    h.sandbox.emulator.setConfig({ faults: { webhookDuplicateRate: 0 } });
    const copies = await eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=200")).body.data as {
        wamid: string;
      }[];
      const found = list.filter((m) => m.wamid === id);
      return found.length ? found : undefined;
    });
    const sentTwice = h.sandbox.emulator.webhooks.deliveries.filter(
      (d) => d.status === "delivered" && JSON.stringify(d.payload).includes(id),
    );
    expect(sentTwice.length).toBeGreaterThanOrEqual(2);
    expect(copies).toHaveLength(1);
  });
});
