import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { DEFAULT_ACCESS_TOKEN, DEFAULT_WABAS } from "../../emulator/config.ts";
import { createApiKey } from "../accounts/index.ts";

describeEachDatabase("Notifications review per account", (kind) => {
  let h: Harness;
  let adminKey: string;
  beforeAll(async () => {
    h = await startHarness(kind);
    const staff = await makeTenant(h);
    adminKey = (
      await createApiKey(
        h.charla.services.database.db,
        { tenantId: staff.tenant.id, name: "ops", role: "platform_admin" },
        { kind: "system" },
      )
    ).key;
  });
  afterAll(() => h?.close());

  const template = { type: "template", template: { name: "hello_world", language: "en_US" } };
  /** Connecting queued the import of Meta's templates: wait for hello_world. */
  const templatesImported = (key: string) =>
    eventually(async () => {
      const list = await h.api("GET", "/v1/templates?name=hello_world", undefined, key);
      return list.body.data?.some((t: { status: string }) => t.status === "approved") || undefined;
    });

  it("keeps sandbox-connected accounts sending", async () => {
    const [account] = (await h.api("GET", "/v1/whatsapp-accounts")).body.data;
    expect(account.notificationsStatus).toBe("enabled");
    await templatesImported(h.apiKey);
    await h.api("POST", "/v1/contacts", { phone: "+5491155550101", optIn: { source: "test" } });
    const sent = await h.api("POST", "/v1/messages", { to: "+5491155550101", ...template });
    expect(sent.status).toBe(202);
  });

  it("refuses template sends of an API-connected account until a platform admin enables it after the checks", async () => {
    const other = await makeTenant(h);
    const waba = DEFAULT_WABAS[1]!;
    const connected = await h.api(
      "POST",
      "/v1/whatsapp-accounts",
      { wabaId: waba.id, accessToken: DEFAULT_ACCESS_TOKEN },
      other.apiKey,
    );
    expect(connected.body.account.notificationsStatus).toBe("pending_review");
    const accountId = connected.body.account.id as string;
    await templatesImported(other.apiKey);
    await h.api("POST", "/v1/contacts", { phone: "+5491155550102", optIn: { source: "test" } }, other.apiKey);
    const send = () => h.api("POST", "/v1/messages", { to: "+5491155550102", ...template }, other.apiKey);
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      code: "notifications_not_enabled",
      notificationsStatus: "pending_review",
    });
    expect(refused.body.detail).toContain(`/v1/whatsapp-accounts/${accountId}/notifications`);

    const useCase = {
      useCase: "Order and delivery updates for customers who bought online",
      optInSource: "checkout checkbox",
      sampleMessage: "Your order A-1 is on its way",
    };
    expect((await h.api("POST", `/v1/whatsapp-accounts/${accountId}/notifications`, useCase)).status).toBe(
      404,
    );
    const declared = await h.api(
      "POST",
      `/v1/whatsapp-accounts/${accountId}/notifications`,
      useCase,
      other.apiKey,
    );
    expect(declared.body.notificationsStatus).toBe("pending_review");
    expect((await send()).body.detail).toMatch(/wait for the platform to review/);

    const queue = (await h.api("GET", "/v1/admin/notification-reviews", undefined, adminKey)).body.data;
    expect(queue.map((row: { id: string }) => row.id)).toEqual([accountId]);
    expect(queue[0].tenant).toMatchObject({ id: other.tenant.id, name: other.tenant.name });
    expect((await h.api("GET", "/v1/admin/notification-reviews", undefined, other.apiKey)).status).toBe(403);
    const review = (body: unknown, key = adminKey) =>
      h.api("POST", `/v1/admin/whatsapp-accounts/${accountId}/notifications`, body, key);
    expect(
      (await review({ decision: "enable", checks: { optIn: true, noSpam: true } }, other.apiKey)).status,
    ).toBe(403);
    const incomplete = await review({ decision: "enable", checks: { optIn: true, noSpam: true } });
    expect(incomplete.status).toBe(422);
    expect(incomplete.body).toMatchObject({
      code: "use_case_checks_incomplete",
      unchecked: ["noProhibitedCategories"],
    });
    expect((await review({ decision: "reject", checks: {} })).body.code).toBe("review_reason_required");
    const rejected = await review({
      decision: "reject",
      checks: { optIn: false },
      note: "No opt-in evidence",
    });
    expect(rejected.body.notificationsStatus).toBe("rejected");
    expect((await send()).body.detail).toContain("No opt-in evidence");

    const enabled = await review({
      decision: "enable",
      checks: { optIn: true, noSpam: true, noProhibitedCategories: true },
    });
    expect(enabled.body.notificationsStatus).toBe("enabled");
    expect((await send()).status).toBe(202);
  });
});
