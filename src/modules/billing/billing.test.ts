import { randomInt } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { billingMessages, messages } from "../../db/schema.ts";
import { createApiKey } from "../accounts/index.ts";
import { signTopUp, TOP_UP_SIGNATURE_HEADER } from "./topup-webhook.ts";

const argentina = () => `+54911${randomInt(10_000_000, 99_999_999)}`;
process.env.BILLING_TOPUP_SECRET = "provider-secret";

describeEachDatabase("billing end to end (sandbox, real statuses)", (kind) => {
  let h: Harness;
  let admin: string;
  const wallet = () => h.api("GET", "/v1/billing/wallet").then((res) => res.body);
  const billed = (messageId: string) =>
    h.charla.services.database.db
      .select()
      .from(billingMessages)
      .where(eq(billingMessages.messageId, messageId));
  const settled = (messageId: string) =>
    eventually(
      async () => {
        const [row] = await billed(messageId);
        return row && row.state !== "reserved" ? row : undefined;
      },
      { what: `billing of ${messageId} settled` },
    );
  const optedIn = async () => {
    const to = argentina();
    await h.api("POST", "/v1/contacts", { phone: to, optIn: { source: "checkout form" } });
    return to;
  };
  const hello = (to: string) =>
    h.api("POST", "/v1/messages", {
      to,
      type: "template",
      template: { name: "hello_world", language: "en_US" },
    });

  beforeAll(async () => {
    h = await startHarness(kind);
    const staff = await makeTenant(h);
    ({ key: admin } = await createApiKey(
      h.charla.services.database.db,
      { tenantId: staff.tenant.id, name: "platform", role: "platform_admin" },
      { kind: "system" },
    ));
    await eventually(async () => {
      const list = await h.api("GET", "/v1/templates?name=hello_world");
      return list.body.data.find((t: { status: string }) => t.status === "approved");
    });
  });
  afterAll(() => h?.close());

  it("does not bill a tenant without a wallet", async () => {
    expect(await wallet()).toEqual({ enforced: false });
    const sent = await hello(await optedIn());
    expect(sent.status).toBe(202);
    expect(await billed(sent.body.id)).toEqual([]);
  });

  it("lets only a platform admin open a wallet, then refuses a send it cannot pay before Meta sees it", async () => {
    const path = `/v1/admin/billing/tenants/${h.tenant.id}/wallet`;
    expect((await h.api("PUT", path, { currency: "USD" })).body.code).toBe("forbidden_role");
    const opened = await h.api("PUT", path, { currency: "USD", lowBalanceThreshold: "0.95" }, admin);
    expect(opened.body).toMatchObject({ enforced: true, currency: "USD", balance: "0.000000" });
    const cards = await h.api("GET", "/v1/billing/rate-cards");
    expect(cards.body.data[0]).toMatchObject({ currency: "USD", version: 1 });

    const { db } = h.charla.services.database;
    const before = await db.select({ n: count() }).from(messages).where(eq(messages.tenantId, h.tenant.id));
    const to = await optedIn();
    const refused = await hello(to);
    expect(refused.status).toBe(402);
    expect(refused.body).toMatchObject({
      code: "insufficient_balance",
      balance: "0.000000",
      price: "0.031200",
    });
    const after = await db.select({ n: count() }).from(messages).where(eq(messages.tenantId, h.tenant.id));
    expect(after[0]!.n).toBe(before[0]!.n);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a dispatch would have reached Meta by now
    const atMeta = [...h.sandbox.emulator.state.messages.values()].filter((m) => m.waId === to.slice(1));
    expect(atMeta).toEqual([]);
  });

  it("estimates a message's cost for the send flows", async () => {
    const estimate = await h.api("GET", "/v1/billing/estimate?to=%2B17875550143&category=marketing");
    expect(estimate.body).toMatchObject({
      market: "rest_of_latin_america",
      marketName: "Rest of Latin America",
      billable: true,
      currency: "USD",
      metaCost: "0.074000",
      markup: "0.014800",
      total: "0.088800",
    });
    const free = await h.api(
      "GET",
      "/v1/billing/estimate?to=%2B5491123456789&category=utility&windowOpen=true",
    );
    expect(free.body).toMatchObject({ market: "AR", billable: true, type: "regular", total: "0.031200" });
    const bad = await h.api("GET", "/v1/billing/estimate?to=%2B5491123456789&category=promo");
    expect(bad.status).toBe(400);
  });

  it("credits an admin top-up once per reference", async () => {
    const path = `/v1/admin/billing/tenants/${h.tenant.id}/top-ups`;
    const first = await h.api("POST", path, { amount: "1.00", reference: "INV-1" }, admin);
    expect(first.status).toBe(201);
    const again = await h.api("POST", path, { amount: "1.00", reference: "INV-1" }, admin);
    expect(again.body).toEqual({ credited: false, replayed: true });
    expect(await wallet()).toMatchObject({ balance: "1.000000" });
    const bad = await h.api("POST", path, { amount: 1, reference: "INV-2" }, admin);
    expect(bad.status).toBe(400);
  });

  it("reserves at acceptance and charges Meta's cost and the markup on delivery", async () => {
    const sent = await hello(await optedIn());
    expect(sent.status).toBe(202);
    const row = await settled(sent.body.id);
    // Argentina utility 0.0260 (default card) + 20% markup.
    expect(row).toMatchObject({ market: "AR", state: "charged", costMicros: 26_000, markupMicros: 5_200 });
    expect(row).toMatchObject({ metaCategory: "utility", metaType: "regular", discrepancy: null });
    expect(await wallet()).toMatchObject({ balance: "0.968800", lowBalance: false });
    const ledger = await h.api("GET", "/v1/billing/ledger?kind=charge,reservation");
    const ofMessage = ledger.body.data.filter((p: { messageId: string }) => p.messageId === sent.body.id);
    expect(ofMessage.map((p: { kind: string }) => p.kind).sort()).toEqual(["charge", "reservation"]);
    const charge = ofMessage.find((p: { kind: string }) => p.kind === "charge");
    expect(charge.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ account: "reserved", amount: "-0.031200" }),
        expect.objectContaining({ account: "meta_cost", amount: "0.026000" }),
        expect.objectContaining({ account: "markup", amount: "0.005200" }),
      ]),
    );
    const check = await h.api("GET", "/v1/admin/billing/ledger-check", undefined, admin);
    expect(check.body).toMatchObject({ ok: true, balanceMismatches: [], unbalancedPostings: [] });
  });

  it("applies the platform admin's markup per category, and a low balance is flagged", async () => {
    const markup = await h.api(
      "PUT",
      `/v1/admin/billing/tenants/${h.tenant.id}/markups/utility`,
      { basisPoints: 5000 },
      admin,
    );
    expect(markup.status).toBe(200);
    const sent = await hello(await optedIn());
    expect(await settled(sent.body.id)).toMatchObject({ costMicros: 26_000, markupMicros: 13_000 });
    expect(await wallet()).toMatchObject({ balance: "0.929800", lowBalance: true });
  });

  it("charges a reply inside the window at the utility rate (from 2026-10-01) and an entry point reply nothing", async () => {
    const to = argentina();
    h.sandbox.emulator.injectInbound({ from: to.slice(1), text: "hola" });
    const reply = await eventually(async () => {
      const res = await h.api("POST", "/v1/messages", {
        to,
        type: "text",
        text: { body: "¿en qué te ayudo?" },
      });
      return res.status === 202 ? res : undefined;
    });
    expect(await settled(reply.body.id)).toMatchObject({
      estimatedCategory: "service",
      metaCategory: "service",
      metaType: "regular",
      costMicros: 26_000,
      markupMicros: 5_200,
      discrepancy: null,
    });

    const fromAd = argentina();
    h.sandbox.emulator.injectInbound({
      from: fromAd.slice(1),
      text: "Vi el anuncio",
      message: {
        referral: { source_url: "https://fb.me/ad", source_type: "ad", source_id: "123", headline: "Sale" },
      },
    });
    const free = await eventually(async () => {
      const res = await h.api("POST", "/v1/messages", {
        to: fromAd,
        type: "text",
        text: { body: "¡Bienvenida!" },
      });
      return res.status === 202 ? res : undefined;
    });
    expect(await settled(free.body.id)).toMatchObject({
      estimatedType: "free_entry_point",
      estimateMicros: 0,
      state: "free",
      metaType: "free_entry_point",
      discrepancy: null,
    });
  });

  it("reports spend, statements (CSV, PDF) and, to platform admins only, margins", async () => {
    const month = new Date().toISOString().slice(0, 7);
    const spend = await h.api("GET", `/v1/billing/spend?groupBy=market&month=${month}`);
    expect(spend.body.data).toEqual([expect.objectContaining({ key: "AR", messages: 3 })]);
    const byCategory = await h.api("GET", `/v1/billing/spend?groupBy=category&month=${month}`);
    expect(byCategory.body.data.map((row: { key: string }) => row.key)).toEqual(["service", "utility"]);
    const csv = await fetch(`${h.url}/v1/billing/statements/${month}?format=csv`, {
      headers: { authorization: `Bearer ${h.apiKey}` },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const text = await csv.text();
    expect(text.split("\n")[0]).toBe("date,message_id,market,category,meta_cost,markup,total,currency");
    expect(text).toContain("total,3,,,0.078000,0.023400,0.101400,USD");
    const pdf = await fetch(`${h.url}/v1/billing/statements/${month}?format=pdf`, {
      headers: { authorization: `Bearer ${h.apiKey}` },
    });
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await h.api("GET", "/v1/admin/billing/margins")).status).toBe(403);
    const margins = await h.api("GET", `/v1/admin/billing/margins?month=${month}`, undefined, admin);
    expect(margins.body.data).toContainEqual(
      expect.objectContaining({ tenantId: h.tenant.id, metaCost: "0.078000", markup: "0.023400" }),
    );
  });

  it("credits a signed provider top-up once per payment id and refuses a bad signature", async () => {
    const body = JSON.stringify({ paymentId: "pay_1", tenantId: h.tenant.id, amount: "5", currency: "USD" });
    const send = (signature: string) =>
      fetch(`${h.url}/webhooks/billing/top-up`, {
        method: "POST",
        headers: { "content-type": "application/json", [TOP_UP_SIGNATURE_HEADER]: signature },
        body,
      }).then(async (res) => ({ status: res.status, body: await res.json() }));
    const before = (await wallet()).balanceMicros;
    expect(await send(signTopUp("provider-secret", body))).toEqual({
      status: 200,
      body: { credited: true, replayed: false },
    });
    expect(await send(signTopUp("provider-secret", body))).toEqual({
      status: 200,
      body: { credited: false, replayed: true },
    });
    const forged = await send(signTopUp("guess", body));
    expect(forged).toMatchObject({ status: 401, body: { code: "signature_invalid" } });
    const now = await wallet();
    expect(now.balanceMicros - before).toBe(5_000_000);
    expect(now.lowBalance).toBe(false);
  });

  it("documents billing in the OpenAPI document and keeps tenants apart", async () => {
    const doc = (await fetch(`${h.url}/openapi.json`).then((res) => res.json())) as { paths: object };
    for (const path of [
      "/v1/billing/wallet",
      "/v1/billing/ledger",
      "/v1/billing/spend",
      "/v1/billing/statements/{month}",
      "/v1/admin/billing/margins",
      "/webhooks/billing/top-up",
    ])
      expect(Object.keys(doc.paths)).toContain(path);
    const other = await makeTenant(h);
    const theirs = await h.api("GET", "/v1/billing/ledger", undefined, other.apiKey);
    expect(theirs.body.data).toEqual([]);
    const { db } = h.charla.services.database;
    const [mine] = await db
      .select({ n: count() })
      .from(billingMessages)
      .where(and(eq(billingMessages.tenantId, h.tenant.id)));
    expect(mine!.n).toBeGreaterThan(0);
  });
});
