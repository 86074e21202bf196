import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";

describeEachDatabase("sandbox controls", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("says the sandbox runs and where its emulator is", async () => {
    const res = await h.api("GET", "/v1/sandbox");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ enabled: true, emulatorUrl: h.sandbox.emulator.url });
  });

  it("injects a simulated customer's message that reaches the tenant through the emulator's webhook", async () => {
    const from = `5491155${kind === "pglite" ? "51" : "52"}0000`;
    const res = await h.api("POST", "/v1/sandbox/inbound", { from: `+${from}`, text: `hola desde ${kind}` });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ from, phoneNumberId: h.number.phoneNumberId, id: expect.any(String) });
    const stored = await eventually(async () => {
      const list = (await h.api("GET", "/v1/messages?direction=inbound&limit=50")).body.data as {
        wamid: string;
        content: { text?: { body: string } };
      }[];
      return list.find((m) => m.wamid === res.body.id);
    });
    expect(stored.content.text?.body).toBe(`hola desde ${kind}`);

    const byCharlaId = await h.api("POST", "/v1/sandbox/inbound", {
      from,
      text: "otra",
      phoneNumberId: h.number.id,
    });
    expect(byCharlaId.status).toBe(202);
    const unknown = await h.api("POST", "/v1/sandbox/inbound", { from, text: "x", phoneNumberId: "999" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("phone_number_not_found");
    const badPhone = await h.api("POST", "/v1/sandbox/inbound", { from: "12ab", text: "x" });
    expect(badPhone.status).toBe(400);
  });

  it("lets only tenant admins and developers inject", async () => {
    const analyst = await h.api("POST", "/v1/api-keys", { name: "bi", role: "analyst" });
    const res = await h.api(
      "POST",
      "/v1/sandbox/inbound",
      { from: "5491155559999", text: "x" },
      analyst.body.key,
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("forbidden_role");
  });
});

describe("sandbox controls when the server runs without the sandbox", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("pglite", {}, {}, { workers: false, sandbox: false });
  });
  afterAll(() => h?.close());

  it("reports it off and answers 404 sandbox_disabled", async () => {
    expect((await h.api("GET", "/v1/sandbox")).body).toEqual({ enabled: false, emulatorUrl: null });
    const res = await h.api("POST", "/v1/sandbox/inbound", { from: "5491155559999", text: "x" });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("sandbox_disabled");
  });
});
