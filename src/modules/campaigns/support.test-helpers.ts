import { randomInt } from "node:crypto";
import { expect } from "vitest";
import type { Harness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";

export const freshPhone = () => `+54911${randomInt(10_000_000, 99_999_999)}`;

/** The sandbox's templates once the account's import has brought them (spring_sale: marketing, image header). */
export async function sandboxTemplates(h: Harness) {
  const find = async (name: string) => {
    const list = await h.api("GET", `/v1/templates?name=${name}`);
    return list.body.data.find((t: { status: string }) => t.status === "approved");
  };
  return eventually(
    async () => {
      const [sale, order] = [await find("spring_sale"), await find("order_update")];
      return sale && order ? { sale, order } : undefined;
    },
    { what: "sandbox templates imported", timeoutMs: 60_000 },
  );
}

const everyone = new WeakMap<Harness, string>();
/** A segment of every contact of the tenant (an empty AND), the audience of the suite's campaigns. */
export async function everyoneSegment(h: Harness): Promise<string> {
  const res = await h.api("POST", "/v1/segments", { name: "Everyone", rules: { op: "and", rules: [] } });
  expect(res.status).toBe(201);
  everyone.set(h, res.body.id);
  return res.body.id;
}

/** Contacts made through the API: opted in (default), opted out, or without an opt-in. */
export async function makeContacts(
  h: Harness,
  count: number,
  consent: "in" | "out" | "none" = "in",
  phone: () => string = freshPhone,
) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await h.api("POST", "/v1/contacts", {
      phone: phone(),
      name: i % 2 === 0 ? `Ana ${i}` : undefined,
      attributes: { discount: "25" },
      ...(consent === "none" ? {} : { optIn: { source: "checkout form" } }),
    });
    expect(res.status).toBe(200);
    if (consent === "out")
      expect((await h.api("POST", `/v1/contacts/${res.body.id}/opt-out`, { source: "keyword" })).status).toBe(
        200,
      );
    ids.push(res.body.id);
  }
  return ids;
}

/** A marketing campaign of spring_sale: image header by link, name with a fallback, discount from an attribute. */
export function saleCampaign(h: Harness, saleId: string, extra: Record<string, unknown> = {}) {
  return {
    name: "Spring sale",
    audience: { segmentIds: [everyone.get(h)!] },
    variants: [
      {
        templateId: saleId,
        parameters: {
          header: { image: { link: "https://example.com/sale.jpg" } },
          body: [
            { field: "name", fallback: "cliente" },
            { field: "attributes.discount", fallback: "10" },
          ],
        },
      },
    ],
    phoneNumberIds: [h.number.id],
    ...extra,
  };
}

export const campaign = (h: Harness, id: string) => h.api("GET", `/v1/campaigns/${id}`).then((r) => r.body);

/** Waits until the campaign satisfies `check`. */
export const campaignWhen = (
  h: Harness,
  id: string,
  what: string,
  check: (c: Awaited<ReturnType<Harness["api"]>>["body"]) => boolean,
  timeoutMs = 30_000,
) =>
  eventually(
    async () => {
      const c = await campaign(h, id);
      return check(c) ? c : undefined;
    },
    { what, timeoutMs },
  );

/** What the Cloud API received from the campaign's messages (Charla sends its message id as biz_opaque_callback_data). */
export function atMeta(h: Harness, messageIds: Set<string>) {
  return [...h.sandbox.emulator.state.messages.values()].filter((m) =>
    messageIds.has(String(m.body.biz_opaque_callback_data)),
  );
}
