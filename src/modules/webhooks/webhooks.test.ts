import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test/support/databases.ts";
import { type Harness, makeTenant, startHarness } from "../../../test/support/harness.ts";
import { createApiKey } from "../accounts/index.ts";
import { matchesEventType } from "./events.ts";
import { publishEvent } from "./publish.ts";
import { retryDelayMs } from "./settings.ts";
import { signCharlaPayload, verifyCharlaSignature } from "./signature.ts";
import { checkWebhookUrl, isPrivateAddress } from "./url-policy.ts";

interface Received {
  headers: IncomingMessage["headers"];
  raw: string;
  // biome-ignore lint/suspicious/noExplicitAny: bodies are asserted field by field
  body: any;
}

type Respond = (index: number, request: Received) => number | "hang";

interface Receiver {
  url: string;
  received: Received[];
  /** Requests whose response has not been sent and whose client is still connected. */
  inFlight: number;
  respond: Respond;
  close(): Promise<void>;
}

/** A real HTTP endpoint on port 0 recording every POST. */
async function startReceiver(respond: Respond = () => 200): Promise<Receiver> {
  const receiver: Receiver = {
    url: "",
    received: [],
    inFlight: 0,
    respond,
    close: async () => {},
  };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = null;
      try {
        body = JSON.parse(raw);
      } catch {}
      const entry = { headers: request.headers, raw, body };
      const index = receiver.received.push(entry) - 1;
      const answer = receiver.respond(index, entry);
      if (answer === "hang") {
        receiver.inFlight++;
        response.on("close", () => receiver.inFlight--);
        return;
      }
      response.writeHead(answer, { "content-type": "text/plain" }).end(answer < 300 ? "ok" : "nope");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

/** A URL where nothing listens (connection refused). */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hook`;
}

/** Polls until `check` returns a truthy value; fails after `timeoutMs`. */
async function waitFor<T>(
  what: string,
  check: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as T;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${String(last)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = JSON.stringify({ events: [{ id: "1", type: "message.sent" }] });

  it("verifies a signature over the raw body and rejects tampering, other secrets and old timestamps", () => {
    const now = 1_800_000_000;
    const header = signCharlaPayload(body, secret, now);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyCharlaSignature(body, header, secret, 300, now)).toBe(true);
    expect(verifyCharlaSignature(Buffer.from(body), header, secret, 300, now + 299)).toBe(true);
    expect(verifyCharlaSignature(body.replace("sent", "read"), header, secret, 300, now)).toBe(false);
    expect(verifyCharlaSignature(body, header, "whsec_other", 300, now)).toBe(false);
    expect(verifyCharlaSignature(body, header, secret, 300, now + 301)).toBe(false);
    expect(verifyCharlaSignature(body, header.replace(/t=\d+/, `t=${now + 1}`), secret, 300, now)).toBe(
      false,
    );
    const v1 = header.split("v1=")[1];
    expect(verifyCharlaSignature(body, `t=${now},v1=deadbeef,v1=${v1}`, secret, 300, now)).toBe(true);
    for (const bad of [null, "", "garbage", `v1=${v1}`, `t=${now}`, `t=abc,v1=${v1}`])
      expect(verifyCharlaSignature(body, bad, secret, 300, now)).toBe(false);
  });
});

describe("webhook rules", () => {
  it("matches exact types, prefix wildcards and *", () => {
    expect(matchesEventType("message.*", "message.sent")).toBe(true);
    expect(matchesEventType("message.*", "messages.sent")).toBe(false);
    expect(matchesEventType("message.*", "contact.opted_in")).toBe(false);
    expect(matchesEventType("*", "template.status_updated")).toBe(true);
    expect(matchesEventType("message.read", "message.read")).toBe(true);
    expect(matchesEventType("message.read", "message.received")).toBe(false);
  });

  it("grows the retry delay, with jitter, up to a cap", () => {
    const fixed = () => 0.5;
    const delays = [1, 2, 3, 4, 5, 6, 7, 8, 20].map((attempt) => retryDelayMs(attempt, 10_000, fixed));
    expect(delays.slice(0, 5)).toEqual([10_000, 30_000, 120_000, 600_000, 3_600_000]);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(Math.max(...delays)).toBeLessThanOrEqual(8 * 3_600_000);
    expect(retryDelayMs(1, 10_000, () => 0)).toBe(8_000);
    expect(retryDelayMs(1, 10_000, () => 1)).toBe(12_000);
  });

  it("refuses private and loopback hosts unless allowed", async () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "192.168.0.10",
      "172.20.0.1",
      "169.254.169.254",
      "::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "0.0.0.0",
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ["8.8.8.8", "2001:4860:4860::8888", "172.32.0.1"])
      expect(isPrivateAddress(address), address).toBe(false);
    for (const url of [
      "http://127.0.0.1:8080/x",
      "http://localhost/x",
      "https://[::1]/x",
      "http://169.254.169.254/latest",
    ])
      await expect(checkWebhookUrl(url, false)).rejects.toMatchObject({ code: "webhook_url_not_allowed" });
    await expect(checkWebhookUrl("http://127.0.0.1:8080/x", true)).resolves.toBe("http://127.0.0.1:8080/x");
    await expect(checkWebhookUrl("https://8.8.8.8/hook", false)).resolves.toBe("https://8.8.8.8/hook");
    await expect(checkWebhookUrl("ftp://example.com/x", true)).rejects.toMatchObject({
      code: "webhook_url_invalid",
    });
  });
});

describeEachDatabase("webhooks", (kind) => {
  let h: Harness;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    h = await startHarness(kind, {
      WEBHOOK_RETRY_BASE_MS: "200",
      WEBHOOK_MAX_ATTEMPTS: "3",
      WEBHOOK_TIMEOUT_MS: "6000",
      WEBHOOKS_ALLOW_PRIVATE: "true",
    });
  });
  afterAll(async () => {
    await h?.close();
    for (const receiver of receivers) await receiver.close();
  });

  async function receiver(respond?: Respond) {
    const started = await startReceiver(respond);
    receivers.push(started);
    return started;
  }

  async function subscribe(url: string, eventTypes: string[] = ["*"], key?: string) {
    const res = await h.api("POST", "/v1/webhooks", { url, eventTypes }, key);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { id: res.body.webhook.id as string, secret: res.body.secret as string };
  }

  function publish(tenantId: string, events: { type: string; data: unknown }[]) {
    const { database, boss } = h.charla.services;
    return database.db.transaction(async (tx) => {
      const results = [];
      for (const event of events) results.push(await publishEvent(tx, boss, { tenantId, ...event }));
      return results;
    });
  }

  async function deliveries(webhookId: string, query = "", key?: string) {
    const res = await h.api("GET", `/v1/webhooks/${webhookId}/deliveries${query}`, undefined, key);
    expect(res.status).toBe(200);
    return res.body.data as {
      id: string;
      eventId: string;
      status: string;
      attempts: number;
      lastStatusCode: number | null;
      lastError: string | null;
      batchId: string;
      deliveredAt: string | null;
    }[];
  }

  it("creates, shows the secret once, lists, updates and deletes a webhook", async () => {
    const hook = await receiver();
    const created = await h.api("POST", "/v1/webhooks", {
      url: hook.url,
      eventTypes: ["message.*", "contact.opted_out"],
      description: "CRM",
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect(created.body.webhook).toMatchObject({ url: hook.url, active: true, description: "CRM" });
    const id = created.body.webhook.id;

    const got = await h.api("GET", `/v1/webhooks/${id}`);
    expect(got.body).toMatchObject({ id, eventTypes: ["message.*", "contact.opted_out"] });
    const list = await h.api("GET", "/v1/webhooks");
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(id);
    expect(JSON.stringify([got.body, list.body])).not.toContain(created.body.secret);
    const { db } = h.charla.services.database;
    const raw = await db.query.webhookSubscriptions.findFirst({ where: (t, { eq }) => eq(t.id, id) });
    expect(raw?.secretSealed).toMatch(/^v1:/);
    expect(raw?.secretSealed).not.toContain(created.body.secret);

    const patched = await h.api("PATCH", `/v1/webhooks/${id}`, { active: false, eventTypes: ["*"] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ active: false, eventTypes: ["*"] });

    const types = await h.api("GET", "/v1/webhook-event-types");
    expect(types.body.data.map((t: { type: string }) => t.type)).toContain("message.delivered");

    expect((await h.api("DELETE", `/v1/webhooks/${id}`)).status).toBe(204);
    const gone = await h.api("GET", `/v1/webhooks/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe("webhook_not_found");
  });

  it("answers validation errors as problem JSON", async () => {
    const bad = await h.api("POST", "/v1/webhooks", {
      url: "ftp://example.com",
      eventTypes: ["Message Sent"],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("validation_failed");
    const paths = bad.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.url", "body.eventTypes.0"]));
    const empty = await h.api("POST", "/v1/webhooks", { url: "https://example.com/x", eventTypes: [] });
    expect(empty.body.code).toBe("validation_failed");
    const noUrl = await h.api("POST", "/v1/webhooks", { url: "not a url", eventTypes: ["*"] });
    expect(noUrl.body.code).toBe("validation_failed");
    const hook = await subscribe("https://example.com/hook");
    const emptyPatch = await h.api("PATCH", `/v1/webhooks/${hook.id}`, {});
    expect(emptyPatch.status).toBe(400);
    expect(emptyPatch.body.code).toBe("validation_failed");
    const badId = await h.api("GET", "/v1/webhooks/not-a-uuid");
    expect(badId.body.code).toBe("validation_failed");
    const badCursor = await h.api("GET", `/v1/webhooks/${hook.id}/deliveries?cursor=zzz`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.code).toBe("invalid_cursor");
    const badStatus = await h.api("GET", `/v1/webhooks/${hook.id}/deliveries?status=lost`);
    expect(badStatus.body.code).toBe("validation_failed");
    expect((await h.api("DELETE", `/v1/webhooks/${hook.id}`)).status).toBe(204);
  });

  it("lets analysts read but not manage, and developers manage", async () => {
    const { db } = h.charla.services.database;
    const analyst = await createApiKey(
      db,
      { tenantId: h.tenant.id, name: "bi", role: "analyst" },
      { kind: "system" },
    );
    const developer = await createApiKey(
      db,
      { tenantId: h.tenant.id, name: "dev", role: "developer" },
      { kind: "system" },
    );
    const denied = await h.api(
      "POST",
      "/v1/webhooks",
      { url: "https://example.com/a", eventTypes: ["*"] },
      analyst.key,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe("forbidden_role");
    expect((await h.api("GET", "/v1/webhooks", undefined, analyst.key)).status).toBe(200);
    const made = await subscribe("https://example.com/dev", ["*"], developer.key);
    expect((await h.api("DELETE", `/v1/webhooks/${made.id}`, undefined, analyst.key)).status).toBe(403);
    expect((await h.api("DELETE", `/v1/webhooks/${made.id}`, undefined, developer.key)).status).toBe(204);
  });

  it("sends several events of one transaction in one signed POST, only the subscribed types", async () => {
    const hook = await receiver();
    const sub = await subscribe(hook.url, ["message.*"]);
    const published = await publish(h.tenant.id, [
      { type: "message.accepted", data: { messageId: "m1" } },
      { type: "contact.opted_in", data: { contactId: "c1" } },
      { type: "message.sent", data: { messageId: "m1" } },
      { type: "message.delivered", data: { messageId: "m1" } },
    ]);
    expect(published.map((p) => p.deliveryIds.length)).toEqual([1, 0, 1, 1]);
    expect(published[1]?.event).toMatchObject({ type: "contact.opted_in", tenantId: h.tenant.id });

    const [request] = await waitFor("the batch", () => (hook.received.length ? hook.received : null));
    expect(hook.received).toHaveLength(1);
    if (!request) throw new Error("no request");
    expect(request.headers["content-type"]).toContain("application/json");
    expect(request.body.events.map((e: { type: string }) => e.type)).toEqual([
      "message.accepted",
      "message.sent",
      "message.delivered",
    ]);
    expect(request.body.events[0]).toMatchObject({
      id: published[0]?.event.id,
      tenantId: h.tenant.id,
      data: { messageId: "m1" },
      createdAt: expect.any(String),
    });
    const header = String(request.headers["charla-signature"]);
    expect(verifyCharlaSignature(request.raw, header, sub.secret, 300)).toBe(true);
    expect(verifyCharlaSignature(request.raw.replace("m1", "m2"), header, sub.secret, 300)).toBe(false);

    const rows = await waitFor("delivered rows", async () => {
      const found = await deliveries(sub.id);
      return found.every((d) => d.status === "delivered") ? found : null;
    });
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.batchId))).toEqual(new Set([request.headers["charla-delivery"]]));
    expect(rows[0]).toMatchObject({ attempts: 1, lastStatusCode: 200, lastError: null });
  });

  it("publishes nothing when the caller's transaction rolls back", async () => {
    const hook = await receiver();
    const sub = await subscribe(hook.url);
    const { database, boss } = h.charla.services;
    await expect(
      database.db.transaction(async (tx) => {
        await publishEvent(tx, boss, { tenantId: h.tenant.id, type: "message.sent", data: {} });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    await publish(h.tenant.id, [{ type: "message.read", data: { n: 2 } }]);
    await waitFor("the committed event", () => hook.received.length > 0);
    const types = hook.received.flatMap((r) => r.body.events.map((e: { type: string }) => e.type));
    expect(types).toEqual(["message.read"]);
    expect(await deliveries(sub.id)).toHaveLength(1);
  });

  it("retries with backoff after a 500, then records the success", async () => {
    const hook = await receiver((index) => (index === 0 ? 500 : 200));
    const sub = await subscribe(hook.url);
    await publish(h.tenant.id, [{ type: "message.failed", data: { code: 131026 } }]);
    const failed = await waitFor("the failed attempt", async () => {
      const [row] = await deliveries(sub.id, "?status=failed");
      return row ?? (await deliveries(sub.id, "?status=delivered"))[0];
    });
    expect(failed.lastStatusCode === 500 || failed.status === "delivered").toBe(true);
    const [row] = await waitFor("the retried delivery", async () => {
      const found = await deliveries(sub.id, "?status=delivered");
      return found.length ? found : null;
    });
    expect(row).toMatchObject({ attempts: 2, lastStatusCode: 200, lastError: null });
    expect(hook.received).toHaveLength(2);
    expect(hook.received[0]?.body.events[0].id).toBe(hook.received[1]?.body.events[0].id);
    expect(hook.received[0]?.headers["charla-delivery"]).not.toBe(
      hook.received[1]?.headers["charla-delivery"],
    );
  });

  it("marks a dead endpoint's deliveries failed then dead without holding back a healthy one", async () => {
    const slow = await receiver(() => "hang");
    const healthy = await receiver();
    const refused = await subscribe(await deadUrl(), ["message.*"]);
    const hanging = await subscribe(slow.url, ["message.*"]);
    await publish(h.tenant.id, [{ type: "message.sent", data: { n: 1 } }]);
    await waitFor("the slow endpoint to hold a request", () => slow.inFlight > 0);

    const good = await subscribe(healthy.url, ["message.*"]);
    await publish(h.tenant.id, [{ type: "message.delivered", data: { n: 2 } }]);
    await waitFor(
      "the healthy delivery",
      async () => (await deliveries(good.id, "?status=delivered")).length > 0,
    );
    // The healthy endpoint got its event while the slow one was still holding its request.
    expect(slow.inFlight).toBeGreaterThan(0);
    expect(healthy.received.flatMap((r) => r.body.events.map((e: { type: string }) => e.type))).toEqual([
      "message.delivered",
    ]);

    const [dead] = await waitFor("the refused endpoint to be dead", async () => {
      const found = await deliveries(refused.id, "?status=dead");
      return found.length ? found : null;
    });
    expect(dead).toMatchObject({ attempts: 3, lastStatusCode: null, deliveredAt: null });
    expect(dead?.lastError).toMatch(/ECONNREFUSED/);

    const timedOut = await waitFor("the slow endpoint's timeout", async () => {
      const rows = await deliveries(hanging.id);
      return rows.find((r) => r.lastError?.includes("timeout"));
    });
    expect(timedOut.status).toMatch(/failed|dead/);
    await h.api("DELETE", `/v1/webhooks/${hanging.id}`);
  });

  it("replays a delivered event, and sends test events", async () => {
    const hook = await receiver();
    const sub = await subscribe(hook.url, ["template.status_updated"]);
    await publish(h.tenant.id, [{ type: "template.status_updated", data: { status: "APPROVED" } }]);
    const [delivered] = await waitFor("the delivery", async () => {
      const found = await deliveries(sub.id, "?status=delivered");
      return found.length ? found : null;
    });
    if (!delivered) throw new Error("no delivery");
    const replay = await h.api("POST", `/v1/webhook-deliveries/${delivered.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ id: delivered.id, status: "pending", attempts: 0 });
    await waitFor("the replayed POST", () => hook.received.length >= 2);
    expect(hook.received[1]?.body.events[0].id).toBe(delivered.eventId);
    await waitFor(
      "the replay to be recorded",
      async () => (await deliveries(sub.id, "?status=delivered")).length === 1,
    );

    const test = await h.api("POST", `/v1/webhooks/${sub.id}/test`);
    expect(test.status).toBe(202);
    await waitFor("the test event", () => hook.received.length >= 3);
    expect(hook.received[2]?.body.events[0]).toMatchObject({ id: test.body.eventId, type: "webhook.test" });

    await h.api("PATCH", `/v1/webhooks/${sub.id}`, { active: false });
    const paused = await h.api("POST", `/v1/webhooks/${sub.id}/test`);
    expect(paused.status).toBe(409);
    expect(paused.body.code).toBe("webhook_inactive");
  });

  it("signs with the rotated secret only", async () => {
    const hook = await receiver();
    const sub = await subscribe(hook.url);
    const rotated = await h.api("POST", `/v1/webhooks/${sub.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(sub.secret);
    await h.api("POST", `/v1/webhooks/${sub.id}/test`);
    const [request] = await waitFor("the test event", () => (hook.received.length ? hook.received : null));
    const header = String(request?.headers["charla-signature"]);
    expect(verifyCharlaSignature(request?.raw ?? "", header, rotated.body.secret)).toBe(true);
    expect(verifyCharlaSignature(request?.raw ?? "", header, sub.secret)).toBe(false);
  });

  it("pages deliveries with a cursor and filters them by status", async () => {
    const sub = await subscribe("http://127.0.0.1:9/never", ["contact.*"]);
    const { database, boss } = h.charla.services;
    await database.db.transaction(async (tx) => {
      for (let n = 0; n < 5; n++)
        await publishEvent(tx, boss, { tenantId: h.tenant.id, type: "contact.opted_out", data: { n } });
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor ? `&cursor=${cursor}` : ""}`;
      const res = await h.api("GET", `/v1/webhooks/${sub.id}/deliveries${query}`);
      expect(res.body.data.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.data.map((d: { id: string }) => d.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(5);
    const delivered = await h.api("GET", `/v1/webhooks/${sub.id}/deliveries?status=delivered`);
    expect(delivered.body.data).toEqual([]);
  });

  it("keeps tenants apart", async () => {
    const hook = await receiver();
    const other = await makeTenant(h);
    const mine = await subscribe(hook.url);
    const theirHook = await receiver();
    const theirs = await subscribe(theirHook.url, ["*"], other.apiKey);
    await publish(other.tenant.id, [{ type: "message.sent", data: { secret: "theirs" } }]);
    await publish(h.tenant.id, [{ type: "message.sent", data: { secret: "mine" } }]);
    await waitFor("my event", () => hook.received.length > 0);
    await waitFor("their event", () => theirHook.received.length > 0);
    expect(JSON.stringify(hook.received.map((r) => r.body))).not.toContain("theirs");
    expect(JSON.stringify(theirHook.received.map((r) => r.body))).not.toContain("mine");

    const [myDelivery] = await deliveries(mine.id);
    for (const [method, path] of [
      ["GET", `/v1/webhooks/${mine.id}`],
      ["PATCH", `/v1/webhooks/${mine.id}`],
      ["DELETE", `/v1/webhooks/${mine.id}`],
      ["GET", `/v1/webhooks/${mine.id}/deliveries`],
      ["POST", `/v1/webhooks/${mine.id}/test`],
      ["POST", `/v1/webhooks/${mine.id}/rotate-secret`],
      ["POST", `/v1/webhook-deliveries/${myDelivery?.id}/replay`],
    ] as const) {
      const res = await h.api(method, path, method === "PATCH" ? { active: false } : undefined, other.apiKey);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await h.api("GET", "/v1/webhooks", undefined, other.apiKey);
    expect(list.body.data.map((w: { id: string }) => w.id)).toEqual([theirs.id]);
    expect((await h.api("GET", `/v1/webhooks/${mine.id}`)).body.active).toBe(true);
  });
});
