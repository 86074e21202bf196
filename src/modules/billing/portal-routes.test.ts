import { randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { createApiKey } from "../accounts/index.ts";

const argentina = () => `+54911${randomInt(10_000_000, 99_999_999)}`;

// What the portal's billing pages ask besides the module's first routes: a send's estimate,
// ledger pages, the platform admin's tenant list and markups with their default.
describeEachDatabase("billing routes for the portal", (kind) => {
  let h: Harness;
  let admin: string;
  const estimate = (body: object, key?: string) => h.api("POST", "/v1/billing/estimate", body, key);

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

  it("estimates a send before it happens: not billed without a wallet, then the template's price", async () => {
    const to = argentina();
    const hello = { to, template: { name: "hello_world", language: "en_US" } };
    expect((await estimate(hello)).body).toMatchObject({ market: "AR", enforced: false });
    const opened = await h.api(
      "PUT",
      `/v1/admin/billing/tenants/${h.tenant.id}/wallet`,
      { currency: "USD" },
      admin,
    );
    expect(opened.status).toBe(200);
    const priced = await estimate({ ...hello, from: h.number.id });
    expect(priced.body).toMatchObject({
      enforced: true,
      category: "utility",
      type: "regular",
      billable: true,
      windowOpen: false,
      metaCost: "0.026000",
      markup: "0.005200",
      total: "0.031200",
    });
    // The same number named by Meta's id gives the same answer.
    expect((await estimate({ ...hello, from: h.number.phoneNumberId })).body.total).toBe("0.031200");
  });

  it("says a reply to an ad's message is free (entry point) and a text in the window is charged as utility", async () => {
    const fromAd = argentina();
    h.sandbox.emulator.injectInbound({
      from: fromAd.slice(1),
      text: "Vi el anuncio",
      message: { referral: { source_url: "https://fb.me/ad", source_type: "ad", source_id: "9" } },
    });
    const free = await eventually(async () => {
      const res = await estimate({ to: fromAd, type: "text" });
      return res.body.type === "free_entry_point" ? res : undefined;
    });
    expect(free.body).toMatchObject({ billable: false, windowOpen: true, category: "service" });
    const plain = argentina();
    h.sandbox.emulator.injectInbound({ from: plain.slice(1), text: "Hola" });
    const inWindow = await eventually(async () => {
      const res = await estimate({ to: plain, type: "text" });
      return res.body.windowOpen ? res : undefined;
    });
    // From 2026-10-01 a service message in the window is charged at the market's utility rate.
    expect(inWindow.body).toMatchObject({ billable: true, type: "regular", total: "0.031200" });
  });

  it("refuses bad input and another tenant's number", async () => {
    expect((await estimate({ to: "hello" })).body.code).toBe("invalid_phone_number");
    expect((await estimate({})).status).toBe(400);
    const missing = await estimate({ to: argentina(), template: { name: "no_such", language: "es" } });
    expect(missing).toMatchObject({ status: 404, body: { code: "template_not_found" } });
    const other = await makeTenant(h);
    const theirs = await estimate({ to: argentina(), from: h.number.id }, other.apiKey);
    expect(theirs).toMatchObject({ status: 404, body: { code: "phone_number_not_found" } });
  });

  it("pages the ledger with a cursor, newest first, without repeating a posting", async () => {
    const path = `/v1/admin/billing/tenants/${h.tenant.id}/top-ups`;
    for (const reference of ["P-1", "P-2", "P-3"])
      expect((await h.api("POST", path, { amount: "2.00", reference }, admin)).status).toBe(201);
    const first = await h.api("GET", "/v1/billing/ledger?kind=top_up&limit=2");
    expect(first.body.data.map((p: { reference: string }) => p.reference)).toEqual(["P-3", "P-2"]);
    const next = await h.api(
      "GET",
      `/v1/billing/ledger?kind=top_up&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(next.body).toMatchObject({
      nextCursor: null,
      data: [expect.objectContaining({ reference: "P-1" })],
    });
    expect((await h.api("GET", "/v1/billing/ledger?cursor=nonsense")).body.code).toBe("invalid_cursor");
  });

  it("lists tenants with their wallets and markups with the default, to platform admins only", async () => {
    expect((await h.api("GET", "/v1/admin/billing/tenants")).body.code).toBe("forbidden_role");
    const list = await h.api("GET", "/v1/admin/billing/tenants", undefined, admin);
    const mine = list.body.data.find((t: { id: string }) => t.id === h.tenant.id);
    expect(mine.wallet).toMatchObject({ enforced: true, currency: "USD", balance: "6.000000" });
    expect(list.body.data.some((t: { wallet: { enforced: boolean } }) => !t.wallet.enforced)).toBe(true);
    const markups = `/v1/admin/billing/tenants/${h.tenant.id}/markups`;
    expect((await h.api("PUT", `${markups}/marketing`, { basisPoints: 3500 }, admin)).status).toBe(200);
    expect((await h.api("GET", markups, undefined, admin)).body).toMatchObject({
      defaultBasisPoints: 2000,
      data: [expect.objectContaining({ category: "marketing", basisPoints: 3500 })],
    });
    const unknown = await h.api(
      "GET",
      "/v1/admin/billing/tenants/00000000-0000-4000-8000-000000000000/markups",
      undefined,
      admin,
    );
    expect(unknown).toMatchObject({ status: 404, body: { code: "tenant_not_found" } });
  });
});
