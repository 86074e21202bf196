import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { campaignRecipients, campaigns } from "../../db/schema.ts";
import { audienceChunkSql, audienceContactIdsSql } from "./index.ts";

const people = [
  {
    phone: "+5491155550001",
    name: "Ana",
    tags: ["vip"],
    attributes: { plan: "gold", age: "34", language: "es" },
  },
  {
    phone: "+5491155550002",
    name: "Bruno",
    tags: [],
    attributes: { plan: "silver", age: "19", language: "es" },
  },
  {
    phone: "+5511955550003",
    name: "Carla",
    tags: ["vip", "sp"],
    attributes: { plan: "gold", age: "n/a", language: "pt" },
  },
  { phone: "+14155550004", name: "Dan", tags: [], attributes: { language: "en", city: "San Francisco" } },
];

describeEachDatabase("segments and lists", (kind) => {
  let h: Harness;
  const ids: Record<string, string> = {};
  const preview = async (rules: unknown, key?: string) => {
    const res = await h.api("POST", "/v1/segments/preview", { rules }, key);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.sample as { name: string }[]).map((c) => c.name).sort();
  };
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
    for (const person of people) {
      const optIn = person.name === "Ana" || person.name === "Dan" ? { source: "form" } : undefined;
      const res = await h.api("POST", "/v1/contacts", { ...person, optIn });
      expect(res.status).toBe(200);
      ids[person.name] = res.body.id;
    }
    await h.api("POST", `/v1/contacts/${ids.Dan}/opt-out`, { source: "keyword" });
  });
  afterAll(() => h?.close());

  it("compiles attribute, tag, consent, language and country rules in AND/OR groups", async () => {
    const attr = (op: string, extra: object) => ({
      op: "and",
      rules: [{ field: "attribute", key: "plan", op, ...extra }],
    });
    expect(await preview(attr("equals", { value: "gold" }))).toEqual(["Ana", "Carla"]);
    expect(await preview(attr("contains", { value: "ILV" }))).toEqual(["Bruno"]);
    expect(await preview(attr("in", { values: ["silver", "bronze"] }))).toEqual(["Bruno"]);
    expect(await preview(attr("exists", {}))).toEqual(["Ana", "Bruno", "Carla"]);
    expect(await preview(attr("not_exists", {}))).toEqual(["Dan"]);
    // A value that is not a number ("n/a") is outside every numeric range, never an error.
    const ages = {
      op: "and",
      rules: [{ field: "attribute", key: "age", op: "range", min: 18, max: 30 }],
    };
    expect(await preview(ages)).toEqual(["Bruno"]);
    // % typed by the user is a character, not a wildcard.
    expect(await preview(attr("contains", { value: "%" }))).toEqual([]);
    expect(await preview({ op: "and", rules: [{ field: "tag", op: "has", tag: "vip" }] })).toEqual([
      "Ana",
      "Carla",
    ]);
    expect(await preview({ op: "and", rules: [{ field: "tag", op: "not_has", tag: "vip" }] })).toEqual([
      "Bruno",
      "Dan",
    ]);
    expect(await preview({ op: "and", rules: [{ field: "consent", state: "opted_in" }] })).toEqual(["Ana"]);
    expect(await preview({ op: "and", rules: [{ field: "consent", state: "opted_out" }] })).toEqual(["Dan"]);
    expect(await preview({ op: "and", rules: [{ field: "consent", state: "none" }] })).toEqual([
      "Bruno",
      "Carla",
    ]);
    expect(await preview({ op: "and", rules: [{ field: "language", values: ["PT", "en"] }] })).toEqual([
      "Carla",
      "Dan",
    ]);
    expect(await preview({ op: "and", rules: [{ field: "country", countries: ["br"] }] })).toEqual(["Carla"]);
    expect(
      await preview({ op: "and", rules: [{ field: "market", markets: ["north_america", "AR"] }] }),
    ).toEqual(["Ana", "Bruno", "Dan"]);
    expect(await preview({ op: "and", rules: [{ field: "created", days: 1 }] })).toHaveLength(4);
    expect(await preview({ op: "and", rules: [{ field: "last_inbound", op: "within", days: 7 }] })).toEqual(
      [],
    );
    expect(
      await preview({ op: "and", rules: [{ field: "last_inbound", op: "not_within", days: 7 }] }),
    ).toHaveLength(4);
    const nested = {
      op: "or",
      rules: [
        {
          op: "and",
          rules: [
            { field: "tag", op: "has", tag: "vip" },
            { field: "country", countries: ["BR"] },
          ],
        },
        { field: "attribute", key: "city", op: "equals", value: "San Francisco" },
      ],
    };
    expect(await preview(nested)).toEqual(["Carla", "Dan"]);
    const counted = await h.api("POST", "/v1/segments/preview", { rules: nested });
    expect(counted.body.count).toBe(2);
  });

  it("selects by campaign history: received, read, replied to, or not received campaign X", async () => {
    const { db } = h.charla.services.database;
    const [campaign] = await db
      .insert(campaigns)
      .values({
        tenantId: h.tenant.id,
        name: "Promo",
        content: {},
        audience: {},
        phoneNumberIds: [],
        schedule: {},
      })
      .returning();
    const at = new Date();
    const recipient = (contactId: string, status: "sent" | "delivered" | "read", extra: object = {}) => ({
      tenantId: h.tenant.id,
      campaignId: campaign!.id,
      contactId,
      status,
      ...extra,
    });
    await db
      .insert(campaignRecipients)
      .values([
        recipient(ids.Ana!, "read", { deliveredAt: at, readAt: at, repliedAt: at }),
        recipient(ids.Bruno!, "read", { deliveredAt: at, readAt: at }),
        recipient(ids.Carla!, "delivered", { deliveredAt: at }),
        recipient(ids.Dan!, "sent"),
      ]);
    const history = (event: string, campaignId = campaign!.id) =>
      preview({ op: "and", rules: [{ field: "campaign", campaignId, event }] });
    expect(await history("received")).toEqual(["Ana", "Bruno", "Carla"]);
    expect(await history("read")).toEqual(["Ana", "Bruno"]);
    expect(await history("replied")).toEqual(["Ana"]);
    expect(await history("not_received")).toEqual(["Dan"]);
    // Another tenant's campaign id matches nothing of theirs or ours.
    const other = await makeTenant(h);
    const theirs = await h.api(
      "POST",
      "/v1/segments/preview",
      { rules: { op: "and", rules: [{ field: "campaign", campaignId: campaign!.id, event: "received" }] } },
      other.apiKey,
    );
    expect(theirs.body.count).toBe(0);
  });

  it("refuses malformed rules with a problem, never a 500", async () => {
    for (const rules of [
      { op: "and", rules: [{ field: "attribute", key: "age", op: "range" }] },
      { op: "and", rules: [{ field: "attribute", key: "age", op: "in" }] },
      { op: "and", rules: [{ field: "country", countries: ["XX"] }] },
      { op: "xor", rules: [] },
      { op: "and", rules: [{ field: "nope" }] },
    ]) {
      const res = await h.api("POST", "/v1/segments/preview", { rules });
      expect(res.status, JSON.stringify(rules)).toBe(400);
      expect(res.body.code).toBeTypeOf("string");
    }
  });

  it("saves segments and lists; the audience SQL unites them minus exclusions, per tenant", async () => {
    const vip = await h.api("POST", "/v1/segments", {
      name: "VIP",
      rules: { op: "and", rules: [{ field: "tag", op: "has", tag: "vip" }] },
    });
    expect(vip.status).toBe(201);
    expect(vip.body.memberCount).toBe(2);
    const brazil = await h.api("POST", "/v1/segments", {
      name: "Brazil",
      rules: { op: "and", rules: [{ field: "country", countries: ["BR"] }] },
    });
    const list = await h.api("POST", "/v1/lists", { name: "Manual" });
    expect(list.status).toBe(201);
    const added = await h.api("POST", `/v1/lists/${list.body.id}/members`, {
      contactIds: [ids.Dan, ids.Dan],
    });
    expect(added.body).toEqual({ added: 1, unknown: 0 });
    expect((await h.api("GET", `/v1/lists/${list.body.id}`)).body.memberCount).toBe(1);

    const { db } = h.charla.services.database;
    const audience = async (tenantId: string, spec: Parameters<typeof audienceContactIdsSql>[1]) => {
      const result = await db.execute(sql`select id from (${audienceContactIdsSql(tenantId, spec)}) a`);
      const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      return (result as unknown as { rows: { id: string }[] }).rows.map((row) => byId[row.id]).sort();
    };
    // What campaigns read: the same audience chunk by chunk from a cursor (two contacts a chunk).
    const chunked = async (tenantId: string, spec: Parameters<typeof audienceChunkSql>[1]) => {
      const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
      const members: string[] = [];
      let after: string | null = null;
      for (let chunk = 0; chunk < 10; chunk++) {
        const result: unknown = await db.execute(audienceChunkSql(tenantId, spec, after, 2));
        const rows: { id: string; member: boolean }[] = (
          result as { rows: { id: string; member: boolean }[] }
        ).rows;
        members.push(...rows.filter((row) => row.member).map((row) => byId[row.id]!));
        if (rows.length < 2) return members.sort();
        after = rows.at(-1)!.id;
      }
      throw new Error("the audience never ran out");
    };
    const same = async (tenantId: string, spec: Parameters<typeof audienceChunkSql>[1], names: string[]) => {
      expect(await audience(tenantId, spec)).toEqual(names);
      expect(await chunked(tenantId, spec)).toEqual(names);
    };
    const spec = { segmentIds: [vip.body.id], listIds: [list.body.id] };
    await same(h.tenant.id, spec, ["Ana", "Carla", "Dan"]);
    await same(h.tenant.id, { ...spec, excludeSegmentIds: [brazil.body.id] }, ["Ana", "Dan"]);
    await same(h.tenant.id, { ...spec, excludeListIds: [list.body.id] }, ["Ana", "Carla"]);
    await same(h.tenant.id, { segmentIds: [vip.body.id, brazil.body.id] }, ["Ana", "Carla"]);
    await same(h.tenant.id, {}, []);
    await same(h.tenant.id, { segmentIds: ["not-a-uuid"] }, []);

    // The segment follows its rules after a change.
    const patched = await h.api("PATCH", `/v1/segments/${vip.body.id}`, {
      rules: { op: "and", rules: [{ field: "tag", op: "has", tag: "sp" }] },
    });
    expect(patched.body.memberCount).toBe(1);

    const other = await makeTenant(h);
    await same(other.tenant.id, spec, []);
    for (const [method, path, body] of [
      ["GET", `/v1/segments/${vip.body.id}`],
      ["PATCH", `/v1/segments/${vip.body.id}`, { name: "mine" }],
      ["DELETE", `/v1/segments/${vip.body.id}`],
      ["GET", `/v1/lists/${list.body.id}`],
      ["GET", `/v1/lists/${list.body.id}/members`],
      ["POST", `/v1/lists/${list.body.id}/members`, { contactIds: [ids.Ana] }],
      ["DELETE", `/v1/lists/${list.body.id}`],
    ] as const) {
      const res = await h.api(method, path, body, other.apiKey);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await h.api("GET", "/v1/segments", undefined, other.apiKey)).body.data).toEqual([]);
    // Another tenant's contacts are never added to a list.
    const own = await h.api("POST", "/v1/lists", { name: "Theirs" }, other.apiKey);
    const foreign = await h.api(
      "POST",
      `/v1/lists/${own.body.id}/members`,
      { contactIds: [ids.Ana] },
      other.apiKey,
    );
    expect(foreign.body).toEqual({ added: 0, unknown: 1 });
    // Nor counted in their previews.
    expect(await preview({ op: "and", rules: [] }, other.apiKey)).toEqual([]);

    const removed = await h.api("POST", `/v1/lists/${list.body.id}/members/remove`, {
      contactIds: [ids.Dan],
    });
    expect(removed.body).toEqual({ removed: 1 });
    expect((await h.api("DELETE", `/v1/segments/${brazil.body.id}`)).status).toBe(204);
  });
});
