import { randomInt } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { messages } from "./schema.ts";

const freshPhone = () => `+54911${randomInt(10_000_000, 99_999_999)}`;

describeEachDatabase("POST /v1/messages/batch", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
    await eventually(async () => {
      const list = await h.api("GET", "/v1/templates?name=order_update");
      return list.body.data.find(
        (t: { status: string; language: string }) => t.status === "approved" && t.language === "en_US",
      );
    });
  });
  afterAll(() => h?.close());

  const template = (to: string, body = ["Ana", "A-77"], extra: Record<string, unknown> = {}) => ({
    to,
    type: "template",
    template: { name: "order_update", language: "en_US", parameters: { body } },
    ...extra,
  });
  const optedIn = async () => {
    const phone = freshPhone();
    await h.api("POST", "/v1/contacts", { phone, optIn: { source: "checkout form" } });
    return phone;
  };
  const batch = (items: unknown[], key?: string | null) =>
    h.api("POST", "/v1/messages/batch", { messages: items }, key);

  it("answers one result per item: refused items get their own problem, the others are stored and sent", async () => {
    const [a, b] = [await optedIn(), await optedIn()];
    const key = `batch-${randomInt(1e9)}`;
    const res = await batch([
      template(a, ["Ana", "A-1"], { idempotencyKey: key }),
      { to: freshPhone(), type: "text", text: { body: "no window" } },
      { to: "12", type: "text", text: { body: "bad" } },
      template(b),
      template(a, ["Ana", "A-1"], { idempotencyKey: key }),
      template(a, ["Otro", "B-2"], { idempotencyKey: key }),
    ]);
    expect(res.status).toBe(200);
    const results = res.body.results as {
      status: number;
      message?: { id: string };
      problem?: { code: string };
    }[];
    expect(results.map((r) => r.status)).toEqual([202, 422, 400, 202, 200, 422]);
    expect(results[1]!.problem!.code).toBe("window_closed");
    expect(results[2]!.problem!.code).toBe("validation_failed");
    expect(results[4]!.message!.id).toBe(results[0]!.message!.id);
    expect(results[5]!.problem!.code).toBe("idempotency_key_reused");
    for (const index of [0, 3]) {
      const id = results[index]!.message!.id;
      await eventually(async () => {
        const message = (await h.api("GET", `/v1/messages/${id}`)).body;
        return ["delivered", "read"].includes(message.status) ? message : undefined;
      });
    }
    // The same key in a later batch replays the stored message; another body under it is refused.
    const again = await batch([
      template(a, ["Ana", "A-1"], { idempotencyKey: key }),
      template(a, ["X", "Y"], { idempotencyKey: key }),
    ]);
    expect(again.body.results.map((r: { status: number }) => r.status)).toEqual([200, 422]);
    expect(again.body.results[0].message.id).toBe(results[0]!.message!.id);
    const { db } = h.charla.services.database;
    const [{ n }] = (await db
      .select({ n: count() })
      .from(messages)
      .where(eq(messages.idempotencyKey, key))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it("stores a large batch in one go and dispatches every message once", async () => {
    const phones = await Promise.all(Array.from({ length: 30 }, optedIn));
    const res = await batch(phones.map((phone) => template(phone)));
    const ids = res.body.results.map((r: { status: number; message: { id: string } }) => {
      expect(r.status).toBe(202);
      return r.message.id;
    });
    const sends = () => {
      const byId = new Map<string, number>();
      for (const m of h.sandbox.emulator.state.messages.values()) {
        const id = (m.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data;
        if (id) byId.set(id, (byId.get(id) ?? 0) + 1);
      }
      return ids.map((id: string) => byId.get(id) ?? 0);
    };
    await eventually(async () => (sends().every((n: number) => n > 0) ? true : undefined));
    expect(sends().every((n: number) => n === 1)).toBe(true);
  });

  it("refuses an empty or oversized batch as a whole, and a request without a key", async () => {
    expect((await batch([])).body.code).toBe("validation_failed");
    const tooMany = await batch(Array.from({ length: 1001 }, () => ({ to: "+5491100000000" })));
    expect(tooMany.status).toBe(400);
    expect((await batch([template(freshPhone())], null)).status).toBe(401);
  });

  it("keeps tenants apart: another tenant's number is refused and its keys are its own", async () => {
    const phone = await optedIn();
    const key = `shared-${randomInt(1e9)}`;
    const mine = await batch([template(phone, ["Ana", "A-1"], { idempotencyKey: key })]);
    expect(mine.body.results[0].status).toBe(202);
    const other = await makeTenant(h);
    const theirs = await batch(
      [
        template(phone, ["Ana", "A-1"], { idempotencyKey: key }),
        template(phone, ["Ana", "A-1"], { from: h.number.id }),
      ],
      other.apiKey,
    );
    // The key is not the first tenant's: no replay of its message; its number is not found.
    expect(theirs.body.results[0].status).toBe(422);
    expect(theirs.body.results[0].problem.code).toBe("no_phone_number");
    expect(theirs.body.results[1].status).toBe(404);
    expect(theirs.body.results[1].problem.code).toBe("phone_number_not_found");
    const id = mine.body.results[0].message.id;
    expect((await h.api("GET", `/v1/messages/${id}`, undefined, other.apiKey)).status).toBe(404);
  });
});
