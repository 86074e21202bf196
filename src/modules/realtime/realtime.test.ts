import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { signIn } from "../../../test/support/sessions.ts";
import { openStream } from "../../../test/support/sse.ts";
import { createUser } from "../accounts/index.ts";
import { publishRealtime } from "./index.ts";

const fresh = () => `54911${randomInt(10_000_000, 99_999_999)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const receivedFrom = (from: string) => (event: { event: string; data: { data?: { content?: unknown } } }) =>
  event.event === "message.received" && JSON.stringify(event.data.data?.content).includes(from);

describeEachDatabase("realtime", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(kind);
  });
  afterAll(() => h?.close());

  const stream = (key = h.apiKey, lastEventId?: string) =>
    openStream(`${h.url}/v1/events/stream`, {
      authorization: `Bearer ${key}`,
      ...(lastEventId ? { "last-event-id": lastEventId } : {}),
    });

  it("streams a customer's message to the tenant's streams only, with its conversation", async () => {
    const mine = await stream();
    const other = await makeTenant(h);
    const theirs = await stream(other.apiKey);
    const from = fresh();
    h.sandbox.emulator.injectInbound({ from, text: "Hola en vivo" });
    const event = await mine.waitFor(receivedFrom(from));
    expect(event.data.data).toMatchObject({ direction: "inbound", conversationId: expect.any(String) });
    expect(Number(event.id)).toBeGreaterThan(0);
    await sleep(200);
    expect(theirs.events.filter((e) => e.event !== "reset")).toEqual([]);
    // The reply's statuses stream too, lean: what changed, not the content again.
    const reply = await h.api("POST", "/v1/messages", {
      to: `+${from}`,
      type: "text",
      text: { body: "¡Hola!" },
    });
    const status = await mine.waitFor(
      (e: { event: string; data: { data?: { id?: string } } }) =>
        e.event === "message.delivered" && e.data.data?.id === reply.body.id,
    );
    expect(status.data.data).toMatchObject({
      status: "delivered",
      conversationId: event.data.data.conversationId,
    });
    expect(status.data.data).not.toHaveProperty("content");
    mine.close();
    theirs.close();
  });

  it("gives a personal event only to its user's streams, in order among the tenant's events of its transaction", async () => {
    const email = `bea.realtime.${kind}@example.com`;
    const password = "una clave larga de prueba 42";
    const bea = await createUser(
      h.charla.services.database.db,
      { tenantId: h.tenant.id, email, name: "Bea", role: "agent", password },
      { kind: "system" },
    );
    const session = await signIn(h, email, password);
    const hers = await openStream(`${h.url}/v1/events/stream`, {
      cookie: `charla_session=${session.cookie}`,
    });
    const tenantWide = [await stream(), await stream()];
    const theirs = await stream((await makeTenant(h)).apiKey);
    const marker = fresh();
    const event = (type: string, step: string, userId: string | null = null) => ({
      tenantId: h.tenant.id,
      userId,
      type,
      data: { marker, step },
    });
    await h.charla.services.database.db.transaction((tx) =>
      publishRealtime(tx, [
        event("agent.presence", "before"),
        event("agent.mentioned", "mention", bea.id),
        event("agent.presence", "after"),
      ]),
    );
    const steps = async (s: Awaited<ReturnType<typeof stream>>, last: string) => {
      await s.waitFor((e) => e.data?.data?.marker === marker && e.data.data.step === last);
      return s.events.filter((e) => e.data?.data?.marker === marker).map((e) => e.data.data.step);
    };
    expect(await steps(hers, "after")).toEqual(["before", "mention", "after"]);
    for (const s of tenantWide) expect(await steps(s, "after")).toEqual(["before", "after"]);
    await sleep(100);
    expect(theirs.events.filter((e) => e.data?.data?.marker === marker)).toEqual([]);
    for (const s of [hers, ...tenantWide, theirs]) s.close();
  });

  it("resumes from Last-Event-ID with exactly what was missed, and resets on an unknown id", async () => {
    const first = await stream();
    const a = fresh();
    h.sandbox.emulator.injectInbound({ from: a, text: "antes" });
    const seen = await first.waitFor(receivedFrom(a));
    first.close();
    const b = fresh();
    const c = fresh();
    h.sandbox.emulator.injectInbound({ from: b, text: "durante 1" });
    h.sandbox.emulator.injectInbound({ from: c, text: "durante 2" });
    // Wait until both are stored (a fresh live stream sees them).
    const probe = await stream();
    await Promise.all([probe.waitFor(receivedFrom(b)), probe.waitFor(receivedFrom(c))]);
    probe.close();

    const resumed = await stream(h.apiKey, seen.id!);
    await Promise.all([resumed.waitFor(receivedFrom(b)), resumed.waitFor(receivedFrom(c))]);
    await sleep(100);
    const ids = resumed.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(resumed.events.some(receivedFrom(a))).toBe(false);
    resumed.close();

    const reset = await stream(h.apiKey, "999999999");
    await reset.waitFor((e) => e.event === "reset");
    reset.close();
    const bad = await fetch(`${h.url}/v1/events/stream`, {
      headers: { authorization: `Bearer ${h.apiKey}`, "last-event-id": "abc" },
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { code: string }).code).toBe("invalid_event_id");
    expect((await fetch(`${h.url}/v1/events/stream`)).status).toBe(401);
  });
});

/** PostgreSQL only: concurrent transactions and several processes on one database. */
describe("realtime across PostgreSQL connections and processes", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres");
  });
  afterAll(() => h?.close());

  const stream = (key = h.apiKey) =>
    openStream(`${h.url}/v1/events/stream`, { authorization: `Bearer ${key}` });

  it("is not held back by a transaction of another database on the same server", async () => {
    const live = await stream();
    const elsewhere = new URL(h.testDatabase.url!);
    elsewhere.pathname = "/postgres";
    const other = new pg.Client({ connectionString: elsewhere.toString() });
    await other.connect();
    try {
      await other.query("begin");
      await other.query("select pg_current_xact_id()");
      const from = fresh();
      h.sandbox.emulator.injectInbound({ from, text: "sin esperar" });
      await live.waitFor(receivedFrom(from));
    } finally {
      await other.query("rollback").catch(() => {});
      await other.end();
      live.close();
    }
  });

  it("holds back a row until earlier transactions end, so resuming loses none", async () => {
    const live = await stream();
    const early = new pg.Client({ connectionString: h.testDatabase.url! });
    const late = new pg.Client({ connectionString: h.testDatabase.url! });
    await early.connect();
    await late.connect();
    const insert = (client: pg.Client, text: string) =>
      client.query(
        "insert into realtime_events (tenant_id, type, data) values ($1, 'conversation.test', $2) returning seq",
        [h.tenant.id, { text }],
      );
    try {
      await early.query("begin");
      await early.query("select pg_current_xact_id()");
      await late.query("begin");
      const lateRow = await insert(late, "late");
      await late.query("select pg_notify('charla_realtime', '')");
      await late.query("commit");
      await sleep(300);
      expect(live.events.filter((e) => e.event === "conversation.test")).toEqual([]);
      const earlyRow = await insert(early, "early");
      await early.query("commit");
      await live.waitFor((e) => e.event === "conversation.test" && e.data.data.text === "early");
      await live.waitFor((e) => e.id === String(lateRow.rows[0].seq));
      const order = live.events.filter((e) => e.event === "conversation.test").map((e) => e.data.data.text);
      expect(order[0]).toBe("early");
      expect(Number(earlyRow.rows[0].seq)).toBeGreaterThan(Number(lateRow.rows[0].seq));
    } finally {
      await early.end();
      await late.end();
      live.close();
    }
  });

  it("delivers an event made by a worker process to a stream on another API process", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "charla-api2-"));
    const child: ChildProcess = spawn(process.execPath, ["src/cli/main.ts", "start", "--no-workers"], {
      env: {
        ...process.env,
        DATABASE_URL: h.testDatabase.url!,
        PORT: "0",
        SANDBOX: "false",
        SEED_DEMO: "false",
        DATA_DIR: dataDir,
        SECRET_KEY: "0".repeat(64),
        LOG_LEVEL: "silent",
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (chunk) => {
          out += String(chunk);
          const match = /API:\s+(http:\/\/\S+)\/v1/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`second API exited ${code}: ${out}`)));
      });
      const remote = await openStream(`${url}/v1/events/stream`, { authorization: `Bearer ${h.apiKey}` });
      const from = fresh();
      h.sandbox.emulator.injectInbound({ from, text: "a otro proceso" });
      const event = await remote.waitFor(receivedFrom(from));
      expect(event.data.type).toBe("message.received");
      remote.close();
    } finally {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
