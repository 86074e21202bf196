import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { eventually } from "../../../test/support/wait.ts";
import { DEFAULT_ACCESS_TOKEN } from "../../emulator/config.ts";
import { startWorkers } from "../../jobs/queue.ts";
import { createWhatsAppClient } from "../../whatsapp/client.ts";
import type { OutboundMessage } from "../../whatsapp/types.ts";
import { touchConversations } from "../conversations/index.ts";
import { moduleJobs } from "../index.ts";
import { dispatchMessages } from "./dispatch.ts";
import { messages } from "./schema.ts";

const freshPhone = () => `+54911${randomInt(10_000_000, 99_999_999)}`;

/** What the Cloud API received for one Charla message (Charla sends its id as biz_opaque_callback_data). */
const sentToMeta = (h: Harness, messageId: string) =>
  [...h.sandbox.emulator.state.messages.values()].filter(
    (m) => m.body.biz_opaque_callback_data === messageId,
  );

/** A free-form message accepted by the API, to a customer who just wrote (so the window is open). */
async function acceptedReply(h: Harness): Promise<string> {
  const phone = freshPhone();
  h.sandbox.emulator.injectInbound({ from: phone.slice(1), text: "hola" });
  // Without workers nothing ingests the inbound webhook, so open the window the way ingest would.
  const contact = (await h.api("POST", "/v1/contacts", { phone })).body;
  await touchConversations(h.charla.services.database.db, [
    {
      tenantId: h.tenant.id,
      phoneNumberId: h.number.id,
      contactId: contact.id,
      direction: "inbound",
      at: new Date(),
      preview: "hola",
    },
  ]);
  const res = await h.api("POST", "/v1/messages", { to: phone, type: "text", text: { body: "respuesta" } });
  expect(res.status).toBe(202);
  return res.body.id;
}

const readAndLinked = (h: Harness, id: string) =>
  eventually(
    async () => {
      const m = (await h.api("GET", `/v1/messages/${id}`)).body;
      return m.status === "read" && m.wamid ? m : undefined;
    },
    { timeoutMs: 40_000, what: `message ${id} read` },
  );

describeEachDatabase("dispatch after a worker died mid-dispatch", (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(
      kind,
      { DISPATCH_RECONCILE_SECONDS: "3", JOBS_SUPERVISE_SECONDS: "1" },
      {},
      { workers: false },
    );
  });
  afterAll(() => h?.close());

  it("links what Meta already took and resends, once, what it never got", { timeout: 60_000 }, async () => {
    const { db } = h.charla.services.database;
    // 1. The worker died after Meta took the message, before storing the wamid.
    const taken = await acceptedReply(h);
    const [row] = await db.select().from(messages).where(eq(messages.id, taken));
    const contactWaId = (await h.api("GET", `/v1/contacts/${row!.contactId}`)).body.waId;
    await db
      .update(messages)
      .set({ status: "dispatching", dispatchStartedAt: new Date() })
      .where(eq(messages.id, taken));
    const meta = createWhatsAppClient({ baseUrl: h.sandbox.emulator.url, accessToken: DEFAULT_ACCESS_TOKEN });
    await meta.sendMessage(h.number.phoneNumberId, {
      ...row!.content,
      to: contactWaId,
      biz_opaque_callback_data: taken,
    } as unknown as OutboundMessage);
    await meta.close();
    // 2. The worker died after claiming the message, before its request left.
    const lost = await acceptedReply(h);
    await db
      .update(messages)
      .set({ status: "dispatching", dispatchStartedAt: new Date(Date.now() - 60_000) })
      .where(eq(messages.id, lost));

    await startWorkers(h.charla.services, moduleJobs, 2);
    const linked = await readAndLinked(h, taken);
    expect(linked.wamid).toBe(sentToMeta(h, taken)[0]!.id);
    await readAndLinked(h, lost);
    expect(sentToMeta(h, taken)).toHaveLength(1);
    expect(sentToMeta(h, lost)).toHaveLength(1);
  });
});

describe.skipIf(!inject("postgresUrl"))("a worker process killed mid-dispatch [postgres]", () => {
  let h: Harness;
  let child: ChildProcess | undefined;
  beforeAll(async () => {
    h = await startHarness(
      "postgres",
      { DISPATCH_RECONCILE_SECONDS: "3", JOBS_SUPERVISE_SECONDS: "1" },
      {},
      { workers: false },
    );
  });
  afterAll(async () => {
    child?.kill("SIGKILL");
    await h?.close();
  });

  it("loses no message and sends none twice", { timeout: 90_000 }, async () => {
    h.sandbox.emulator.setConfig({ faults: { latencyMs: 1_500 } });
    child = spawn(process.execPath, [join(import.meta.dirname, "../../cli/main.ts"), "worker"], {
      env: {
        ...process.env,
        DATABASE_URL: h.testDatabase.url!,
        SECRET_KEY: "0".repeat(64),
        SANDBOX: "false",
        WHATSAPP_GRAPH_URL: h.sandbox.emulator.url,
        JOBS_SUPERVISE_SECONDS: "1",
        DISPATCH_RECONCILE_SECONDS: "3",
        LOG_LEVEL: "silent",
        DATA_DIR: mkdtempSync(join(tmpdir(), "charla-worker-")),
      },
      stdio: "ignore",
    });
    const id = await acceptedReply(h);
    // The worker process claims the message and is inside the Cloud API call (1.5 s of latency)...
    await eventually(
      async () => (await h.api("GET", `/v1/messages/${id}`)).body.status === "dispatching" || undefined,
      {
        timeoutMs: 30_000,
        intervalMs: 10,
      },
    );
    child.kill("SIGKILL"); // ...when it dies.
    h.sandbox.emulator.setConfig({ faults: { latencyMs: 0 } });

    await startWorkers(h.charla.services, moduleJobs, 2);
    // The dead worker's job stops heartbeating, is failed and retried; the retry reconciles, then sends.
    await readAndLinked(h, id);
    expect(sentToMeta(h, id)).toHaveLength(1);
  });
});

/** Every Graph call answers this late: time to lock a row between the claim and the answers. */
const LATENCY_MS = 1_500;

// A second transaction holding a row needs a second connection: PostgreSQL only (PGlite has one).
describe.skipIf(!inject("postgresUrl"))("dispatch while ingest holds a message's row [postgres]", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness("postgres", {}, {}, { workers: false });
  });
  afterAll(() => h?.close());

  it("records the chunk's other wamids at once and the held one after, each message sent once", async () => {
    const { db } = h.charla.services.database;
    const ids = [await acceptedReply(h), await acceptedReply(h), await acceptedReply(h)];
    const heldId = ids[1]!;
    h.sandbox.emulator.setConfig({ faults: { latencyMs: LATENCY_MS } });
    let done = false;
    const dispatch = dispatchMessages(h.charla.services, ids).then(() => {
      done = true;
    });
    // Claimed, the calls in flight (the emulator answers after LATENCY_MS): now ingest's status
    // batch locks one of them, as when Meta's webhook comes before the chunk's last answer, and
    // keeps it until it commits.
    await eventually(async () => {
      const rows = await db.select().from(messages).where(inArray(messages.id, ids));
      return rows.every((row) => row.status === "dispatching") || undefined;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select id from messages where id = ${heldId} for update`);
      locked();
      await released;
    });
    await lockTaken;

    const others = await eventually(
      async () => {
        const rows = await db
          .select()
          .from(messages)
          .where(inArray(messages.id, [ids[0]!, ids[2]!]));
        return rows.every((row) => row.wamid && row.status === "accepted") ? rows : undefined;
      },
      { what: "the unheld messages' wamids recorded while the other row is held" },
    );
    expect(others).toHaveLength(2);
    const [whileHeld] = await db.select().from(messages).where(eq(messages.id, heldId));
    expect(whileHeld!.wamid).toBeNull();
    expect(whileHeld!.status).toBe("dispatching");
    // The job does not end before every wamid Meta gave it is stored.
    expect(done).toBe(false);

    release();
    await holder;
    await dispatch;
    h.sandbox.emulator.setConfig({ faults: { latencyMs: 0 } });
    const [after] = await db.select().from(messages).where(eq(messages.id, heldId));
    expect(after!.status).toBe("accepted");
    expect(after!.wamid).toBe(sentToMeta(h, heldId)[0]!.id);
    for (const id of ids) expect(sentToMeta(h, id)).toHaveLength(1);
  });
});
