import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.ts";
import { type Harness, startHarness } from "../../test/support/harness.ts";
import { findUnsafeInput } from "./input-safety.ts";

describe("findUnsafeInput", () => {
  it("names the first value PostgreSQL cannot store, keys included", () => {
    expect(findUnsafeInput({ a: [1, "ok", "b\u0000c"] }, "body")).toMatchObject({
      path: "body.a.2",
      code: "unstorable_text",
    });
    expect(findUnsafeInput({ a: { b: "x\ud800y" } }, "body")).toMatchObject({
      path: "body.a.b",
      code: "unstorable_text",
    });
    expect(findUnsafeInput({ "k\u0000": 1 }, "body")).toMatchObject({ code: "unstorable_text" });
    expect(findUnsafeInput({ ok: "\ud83d\ude00 emoji pairs are fine" }, "body")).toBeUndefined();
  });

  it("refuses deep nesting without recursion, and over-long strings", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeInput(deep, "body")).toMatchObject({ code: "nesting_too_deep" });
    expect(findUnsafeInput({ s: "x".repeat(10_000) }, "body")).toMatchObject({
      path: "body.s",
      code: "string_too_long",
    });
  });
});

describeEachDatabase("input the database cannot store", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
  });
  afterAll(async () => {
    await h?.close();
  });

  const raw = (path: string, text: string) =>
    fetch(`${h.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.apiKey}`, "content-type": "application/json" },
      body: text,
    });

  it("refuses a 1 MB field at once while /health keeps answering", async () => {
    const started = performance.now();
    const big = raw("/v1/contacts", JSON.stringify({ phone: "+14155550100", name: "x".repeat(1_000_000) }));
    const health = await fetch(`${h.url}/health`);
    const response = await big;
    expect(health.status).toBe(200);
    expect(response.status).toBe(413);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(((await response.json()) as { code: string }).code).toBe("body_too_large");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses a 200 KB field under the body limit by its length, naming it", async () => {
    const response = await raw(
      "/v1/contacts",
      JSON.stringify({ phone: "+14155550100", attributes: { note: "x".repeat(200_000) } }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ code: "string_too_long", errors: [{ path: "body.attributes.note" }] });
  });

  it.each([
    ["a NUL in a text column", { phone: "+14155550100", name: "Ro\u0000sa" }, "body.name"],
    ["a NUL in a jsonb value", { phone: "+14155550100", attributes: { a: "\u0000" } }, "body.attributes.a"],
    ["an unpaired surrogate", { phone: "+14155550100", name: "Rosa \ud800" }, "body.name"],
    [
      "a high surrogate at the end of a key's value",
      { phone: "+14155550100", tags: ["\udfff"] },
      "body.tags.0",
    ],
  ])("refuses %s with a 400 naming the field", async (_what, body, path) => {
    // JSON.stringify escapes lone surrogates (\udXXX), which is what a client sends on the wire.
    const response = await raw("/v1/contacts", JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "unstorable_text", errors: [{ path }] });
  });

  it("refuses JSON nested too deep for jsonb", async () => {
    const deep = `${"[".repeat(5_000)}1${"]".repeat(5_000)}`;
    const response = await raw("/v1/contacts", `{"phone":"+14155550100","attributes":{"a":${deep}}}`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe("nesting_too_deep");
  });

  it("refuses a NUL in a query string", async () => {
    const response = await h.api("GET", "/v1/conversations?status=%00");
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      code: "unstorable_text",
      errors: [{ path: "querystring.status" }],
    });
  });

  it("still stores what it can: emoji and accents", async () => {
    const response = await h.api("POST", "/v1/contacts", { phone: "+14155550101", name: "Rosá 😀" });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe("Rosá 😀");
  });
});
