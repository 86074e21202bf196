import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { openStream } from "../../../test/support/sse.ts";

// The portal's notification bell listens to the realtime stream: each activation step reaches the
// tenant's open portals as it happens, and no other tenant's.
describeEachDatabase("Activation notifications on the realtime stream", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("streams each stage transition to the tenant only", async () => {
    const stream = (key: string) =>
      openStream(`${h.url}/v1/events/stream`, { authorization: `Bearer ${key}` });
    const mine = await stream(h.apiKey);
    const other = await makeTenant(h);
    const theirs = await stream(other.apiKey);
    const started = await h.api("POST", "/v1/activation", {
      company: {
        legalName: "Luna Calzados S.A.",
        website: "https://lunacalzados.example",
        country: "AR",
        address: "Av. Corrientes 1234, Buenos Aires",
        contactPhone: "+5491155550000",
        contactEmail: "ops@lunacalzados.example",
      },
      businessManagerId: "123456789012345",
    });
    expect(started.status).toBe(201);
    const opened = await mine.waitFor(
      (event) =>
        event.event === "activation.stage_updated" &&
        event.data.data.stage === "business_verification" &&
        event.data.data.to === "action_required",
    );
    expect(opened.data.data).toMatchObject({
      owner: "tenant",
      nextAction: { key: "activation.next.business_verification.action_required" },
    });
    expect(
      mine.events.filter((event) => event.event === "activation.stage_updated").length,
    ).toBeGreaterThanOrEqual(3);
    await sleep(200);
    expect(theirs.events.filter((event) => event.event.startsWith("activation."))).toEqual([]);
    mine.close();
    theirs.close();
  });
});
