import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";

describeEachDatabase("contacts list", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
    for (const [phone, name, tags] of [
      ["+5491155550001", "Ana Pérez", ["vip"]],
      ["+5491155550002", "Bruno Díaz", []],
      ["+5511955550003", "Carla 100%", ["vip", "sp"]],
    ] as const) {
      const res = await h.api("POST", "/v1/contacts", { phone, name, tags });
      expect(res.status).toBe(200);
    }
  });
  afterAll(() => h?.close());

  it("lists newest first, searches name and phone, filters by tag, pages with a cursor", async () => {
    const all = await h.api("GET", "/v1/contacts");
    expect(all.body.data.map((c: { name: string }) => c.name)).toEqual([
      "Carla 100%",
      "Bruno Díaz",
      "Ana Pérez",
    ]);
    expect(
      (await h.api("GET", "/v1/contacts?q=bruno")).body.data.map((c: { name: string }) => c.name),
    ).toEqual(["Bruno Díaz"]);
    expect((await h.api("GET", "/v1/contacts?q=%2B55%2011%209555")).body.data).toHaveLength(1);
    // A % typed in the search is a character, not a wildcard.
    expect((await h.api("GET", "/v1/contacts?q=100%25")).body.data).toHaveLength(1);
    expect((await h.api("GET", "/v1/contacts?tag=vip")).body.data).toHaveLength(2);
    const first = await h.api("GET", "/v1/contacts?limit=2");
    expect(first.body.data).toHaveLength(2);
    const second = await h.api("GET", `/v1/contacts?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.data.map((c: { name: string }) => c.name)).toEqual(["Ana Pérez"]);
    expect(second.body.nextCursor).toBeNull();
  });

  it("shows a tenant only its own contacts", async () => {
    const other = await makeTenant(h);
    expect((await h.api("GET", "/v1/contacts", undefined, other.apiKey)).body.data).toEqual([]);
  });
});
