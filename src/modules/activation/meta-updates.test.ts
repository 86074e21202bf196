import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { createApiKey } from "../accounts/index.ts";

const WABA = "100000000000001";

describeEachDatabase("Activation moved by Meta's webhooks from the emulator", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      kind,
      {},
      {
        businessVerification: { delayMs: 30 },
        accountReview: { delayMs: 30 },
        displayNameReview: { delayMs: 30 },
      },
    );
  });
  afterAll(() => h?.close());

  const control = (path: string, body: unknown = {}) =>
    fetch(`${h.sandbox.emulator.url}/_emulator/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<Record<string, unknown>>);
  const stage = async (key: string) =>
    (
      (await h.api("GET", "/v1/activation")).body.stages as {
        stage: string;
        status: string;
        reasons: string[];
      }[]
    ).find((s) => s.stage === key)!;
  const stageBecomes = (key: string, status: string) =>
    eventually(
      async () => {
        const found = await stage(key);
        return found.status === status ? found : undefined;
      },
      { what: `${key} ${status}` },
    );
  const submitVerification = async () => {
    for (const kind of ["legal_name", "utility_bill"]) {
      await h.api("POST", "/v1/activation/documents", {
        kind,
        filename: `${kind}.pdf`,
        mimeType: "application/pdf",
        contentBase64: Buffer.from("%PDF").toString("base64"),
      });
    }
    expect((await h.api("POST", "/v1/activation/verification", { domainVerified: true })).body.status).toBe(
      "in_review",
    );
  };

  it("business verification, policy review and display-name review decided by Meta move the stages", async () => {
    await h.api("POST", "/v1/activation", {
      company: {
        legalName: "Charla Demo S.A.",
        website: "https://charla.example",
        country: "AR",
        address: "Av. Siempre Viva 742",
        contactPhone: "+5491155550000",
        contactEmail: "ops@charla.example",
      },
      businessManagerId: "100000000000001",
    });
    await submitVerification();
    h.sandbox.emulator.setConfig({
      businessVerification: { outcome: "REJECTED", rejectionReasons: ["WEBSITE NOT MATCHING"] },
    });
    await control(`businesses/${WABA}/verification`);
    const rejected = await stageBecomes("business_verification", "rejected");
    expect(rejected.reasons).toEqual(["WEBSITE NOT MATCHING"]);
    expect((await h.api("GET", "/v1/activation")).body.verificationStatus).toBe("rejected");

    await submitVerification();
    h.sandbox.emulator.setConfig({ businessVerification: { outcome: "APPROVED" } });
    await control(`businesses/${WABA}/verification`);
    await stageBecomes("business_verification", "done");
    expect((await stage("partner_request")).status).toBe("action_required");
    await h.api("POST", "/v1/activation/partner-request/approve");

    await control(`wabas/${WABA}/review`);
    await stageBecomes("policy_review", "done");
    expect((await stage("display_name_review")).status).toBe("action_required");
    await h.api("POST", "/v1/activation/display-name", { displayName: "Charla Demo" });
    await control("phone-numbers/110000000000001/name-review", { name: "Charla Demo" });
    await stageBecomes("display_name_review", "done");
    const feed = (await h.api("GET", "/v1/activation/feed")).body.data as {
      actor: string;
      stage: string;
      toStatus: string;
    }[];
    expect(
      feed.filter((entry) => entry.actor === "system").map((entry) => `${entry.stage}:${entry.toStatus}`),
    ).toEqual(
      expect.arrayContaining([
        "business_verification:rejected",
        "business_verification:done",
        "policy_review:done",
        "display_name_review:done",
      ]),
    );
    expect((await stage("activation")).status).toBe("in_review");

    // The platform enables the account's notifications: the activation completes.
    const staff = await makeTenant(h);
    const admin = await createApiKey(
      h.charla.services.database.db,
      { tenantId: staff.tenant.id, name: "ops", role: "platform_admin" },
      { kind: "system" },
    );
    const [account] = (await h.api("GET", "/v1/whatsapp-accounts")).body.data;
    const enabled = await h.api(
      "POST",
      `/v1/admin/whatsapp-accounts/${account.id}/notifications`,
      { decision: "enable", checks: { optIn: true, noSpam: true, noProhibitedCategories: true } },
      admin.key,
    );
    expect(enabled.status).toBe(200);
    expect((await stage("activation")).status).toBe("done");
    expect((await h.api("GET", "/v1/activation")).body.status).toBe("activated");
  });
});
