import { createHash, randomInt } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";

describeEachDatabase("inbound media", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  it("downloads what a contact sends, keeps it, and serves it to the tenant only", async () => {
    const bytes = Buffer.from(`%PDF-1.4 invoice ${randomInt(1e9)}`);
    const from = `54911${randomInt(10_000_000, 99_999_999)}`;
    h.sandbox.emulator.injectInbound({
      from,
      document: { data: bytes.toString("base64"), filename: "factura.pdf", caption: "mi factura" },
    } as never);
    const stored = await eventually(async () => {
      const list = await h.api("GET", "/v1/messages?direction=inbound&limit=200");
      const message = list.body.data.find(
        (m: { type: string; content: { charla_media_id?: string } }) =>
          m.type === "document" && m.content.charla_media_id,
      );
      return message;
    });
    expect(stored.content.document.caption).toBe("mi factura");
    const file = await fetch(`${h.url}/v1/media/${stored.content.charla_media_id}`, {
      headers: { authorization: `Bearer ${h.apiKey}` },
    });
    expect(file.status).toBe(200);
    const body = Buffer.from(await file.arrayBuffer());
    expect(body.equals(bytes)).toBe(true);
    expect(file.headers.get("x-sha256")).toBe(createHash("sha256").update(bytes).digest("hex"));
    expect(file.headers.get("content-disposition")).toContain("factura.pdf");

    const other = await makeTenant(h);
    const stranger = await h.api(
      "GET",
      `/v1/media/${stored.content.charla_media_id}`,
      undefined,
      other.apiKey,
    );
    expect(stranger.status).toBe(404);
  });
});
