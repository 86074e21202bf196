import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_WABAS } from "../../emulator/config.ts";
import { whatsappAccounts } from "./schema.ts";

describeEachDatabase("WhatsApp accounts and numbers", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("connects a WABA with its numbers, keeps the token encrypted, and refuses a bad token or a second connection", async () => {
    const other = await makeTenant(h);
    const second = DEFAULT_WABAS[1]!;
    const bad = await h.api(
      "POST",
      "/v1/whatsapp-accounts",
      { wabaId: second.id, accessToken: "not-the-token" },
      other.apiKey,
    );
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ code: "whatsapp_account_rejected", metaCode: 190 });

    const ok = await h.api(
      "POST",
      "/v1/whatsapp-accounts",
      { wabaId: second.id, accessToken: DEFAULT_ACCESS_TOKEN },
      other.apiKey,
    );
    expect(ok.status).toBe(201);
    expect(ok.body.account).not.toHaveProperty("accessTokenSealed");
    const numbers = (await h.api("GET", "/v1/phone-numbers", undefined, other.apiKey)).body.data;
    expect(numbers.map((n: { phoneNumberId: string }) => n.phoneNumberId)).toEqual(
      second.phoneNumbers.map((n) => n.id),
    );
    expect(numbers[0]).toMatchObject({
      qualityRating: "GREEN",
      status: "connected",
      throughputPerSecond: 80,
    });

    const [row] = await h.charla.services.database.db
      .select()
      .from(whatsappAccounts)
      .where(eq(whatsappAccounts.wabaId, second.id));
    expect(row!.accessTokenSealed).not.toContain(DEFAULT_ACCESS_TOKEN);
    expect(h.charla.services.secrets.open(row!.accessTokenSealed)).toBe(DEFAULT_ACCESS_TOKEN);

    const again = await h.api("POST", "/v1/whatsapp-accounts", {
      wabaId: second.id,
      accessToken: DEFAULT_ACCESS_TOKEN,
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("whatsapp_account_exists");
    // Each tenant sees only its own numbers.
    const mine = (await h.api("GET", "/v1/phone-numbers")).body.data;
    expect(mine.some((n: { phoneNumberId: string }) => n.phoneNumberId === second.phoneNumbers[0]!.id)).toBe(
      false,
    );
  });

  it("marks a number Meta has not registered as pending, and refuses to send from it", async () => {
    const numbers = (await h.api("GET", "/v1/phone-numbers")).body.data as {
      phoneNumberId: string;
      status: string;
    }[];
    const unregistered = numbers.find((n) => n.phoneNumberId === "110000000000003");
    expect(unregistered?.status).toBe("pending");
    await h.api("POST", "/v1/contacts", { phone: "+5491155551234", optIn: { source: "test" } });
    const res = await h.api("POST", "/v1/messages", {
      from: "110000000000003",
      to: "+5491155551234",
      type: "template",
      template: { name: "hello_world", language: "en_US" },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("phone_number_not_connected");
  });

  it("follows Meta's quality and limit updates: the webhook makes Charla re-read the numbers, and audits the change", async () => {
    const number = h.number.phoneNumberId;
    const res = await fetch(`${h.sandbox.emulator.url}/_emulator/quality`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        phoneNumberId: number,
        event: "FLAGGED",
        qualityRating: "RED",
        currentLimit: "TIER_10K",
      }),
    });
    expect(res.status).toBe(200);
    const updated = await eventually(async () => {
      const numbers = (await h.api("GET", "/v1/phone-numbers")).body.data as {
        phoneNumberId: string;
        qualityRating: string;
        messagingLimitTier: string | null;
      }[];
      const found = numbers.find((n) => n.phoneNumberId === number);
      return found?.qualityRating === "RED" ? found : undefined;
    });
    expect(updated.messagingLimitTier).toBe("TIER_10K");
    const audit = (await h.api("GET", "/v1/audit-log?limit=200")).body.data as {
      action: string;
      data: Record<string, { from: unknown; to: unknown }>;
    }[];
    const entry = audit.find((e) => e.action === "phone_number.updated" && e.data.qualityRating);
    expect(entry?.data.qualityRating).toMatchObject({ to: "RED" });

    // Back to green, read on request.
    h.sandbox.emulator.state.phones.get(number)!.qualityRating = "GREEN";
    const [account] = (await h.api("GET", "/v1/whatsapp-accounts")).body.data as { id: string }[];
    const refreshed = await h.api("POST", `/v1/whatsapp-accounts/${account!.id}/refresh`);
    expect(refreshed.status).toBe(200);
    expect(
      refreshed.body.data.find((n: { phoneNumberId: string }) => n.phoneNumberId === number),
    ).toMatchObject({
      qualityRating: "GREEN",
    });
    const other = await makeTenant(h);
    const foreign = await h.api(
      "POST",
      `/v1/whatsapp-accounts/${account!.id}/refresh`,
      undefined,
      other.apiKey,
    );
    expect(foreign.status).toBe(404);
  });
});
