import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";

describeEachDatabase("Embedded Signup against the sandbox", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      kind,
      {},
      { displayNameReview: { delayMs: 1_500 }, accountReview: { delayMs: 50 } },
    );
  });
  afterAll(() => h?.close());

  /** What the user does in the signup page (the browser follows the form and stops at the redirect). */
  async function signUp(url: string, fields: Record<string, string>) {
    const page = await fetch(url);
    expect(await page.text()).toContain("Connect your business to WhatsApp");
    const query = new URL(url).searchParams;
    const res = await fetch(new URL("/_emulator/signup", url), {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        redirect_uri: query.get("redirect_uri")!,
        state: query.get("state")!,
        ...fields,
      }),
    });
    expect(res.status).toBe(303);
    return new URL(res.headers.get("location")!).searchParams;
  }

  it("a new business and number: code exchanged, WABA connected and subscribed, number registered with its display-name status", async () => {
    const { apiKey } = await makeTenant(h);
    const start = await h.api(
      "GET",
      `/v1/signup/embedded?redirectUri=${encodeURIComponent("http://portal.test/signup/done")}`,
      undefined,
      apiKey,
    );
    expect(start.status).toBe(200);
    const back = await signUp(start.body.url, {
      business_name: "Luna Calzados",
      display_phone_number: "+54 9 11 5555-0199",
      display_name: "Luna Calzados",
      verification_code: "123456",
    });
    expect(back.get("state")).toBe(start.body.state);
    const body = {
      code: back.get("code"),
      wabaId: back.get("waba_id"),
      phoneNumberId: back.get("phone_number_id"),
      pin: "135790",
    };
    expect((await h.api("POST", "/v1/signup/embedded", { ...body, pin: "12" }, apiKey)).status).toBe(400);
    const done = await h.api("POST", "/v1/signup/embedded", body, apiKey);
    expect(done.status).toBe(201);
    expect(done.body.account).toMatchObject({ wabaId: body.wabaId, notificationsStatus: "pending_review" });
    expect(done.body.phoneNumbers).toEqual([
      expect.objectContaining({
        phoneNumberId: body.phoneNumberId,
        status: "connected",
        nameStatus: "PENDING_REVIEW",
        verifiedName: "Luna Calzados",
      }),
    ]);
    const subscribed = await fetch(`${h.sandbox.emulator.url}/v25.0/${body.wabaId}/subscribed_apps`, {
      headers: { authorization: `Bearer ${h.sandbox.emulator.config.accessToken}` },
    }).then((r) => r.json() as Promise<{ data: unknown[] }>);
    expect(subscribed.data).toHaveLength(1);
    const again = await h.api("POST", "/v1/signup/embedded", body, apiKey);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({
      code: "embedded_signup_failed",
      step: "code exchange",
      metaCode: 100,
    });
    // The display name review ends at Meta; a refresh shows it approved.
    const numberId = done.body.phoneNumbers[0].id as string;
    await eventually(async () => {
      await h.api("POST", `/v1/whatsapp-accounts/${done.body.account.id}/refresh`, undefined, apiKey);
      const numbers = (await h.api("GET", "/v1/phone-numbers", undefined, apiKey)).body.data;
      return numbers.find(
        (n: { id: string; nameStatus: string }) => n.id === numberId && n.nameStatus === "APPROVED",
      );
    });
  });

  it("an existing WhatsApp Business app number (coexistence) needs no registration", async () => {
    const { apiKey } = await makeTenant(h);
    const start = await h.api(
      "GET",
      `/v1/signup/embedded?redirectUri=${encodeURIComponent("http://portal.test/done")}`,
      undefined,
      apiKey,
    );
    const back = await signUp(start.body.url, {
      business_name: "Sol SRL",
      display_phone_number: "+54 9 11 5555-0200",
      display_name: "Sol",
      coexistence: "1",
    });
    const done = await h.api(
      "POST",
      "/v1/signup/embedded",
      {
        code: back.get("code"),
        wabaId: back.get("waba_id"),
        phoneNumberId: back.get("phone_number_id"),
        pin: "135790",
      },
      apiKey,
    );
    expect(done.status).toBe(201);
    expect(done.body.phoneNumbers[0]).toMatchObject({ status: "connected" });
  });

  it("is refused without a sandbox", async () => {
    const off = await startHarness(kind, {}, {}, { sandbox: false, workers: false });
    try {
      const res = await off.api("GET", "/v1/signup/embedded?redirectUri=http%3A%2F%2Fportal.test%2Fdone");
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("embedded_signup_unavailable");
    } finally {
      await off.close();
    }
  });
});
