import { type ChildProcess, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Harness, startHarness } from "../../../test/support/harness.ts";
import { phoneNumbers } from "../../db/schema.ts";

/** Polls `check` until it holds; returns the milliseconds it took. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return performance.now() - started;
}

// Two API processes on one PostgreSQL: what one changes, the other's caches drop within a second.
describe.skipIf(!inject("postgresUrl"))("caches across API processes [postgres]", () => {
  let h: Harness;
  let child: ChildProcess;
  let other: string;
  let dataDir: string;
  beforeAll(async () => {
    h = await startHarness("postgres", {}, {}, { workers: false });
    dataDir = mkdtempSync(join(tmpdir(), "charla-api2-"));
    child = spawn(process.execPath, ["src/cli/main.ts", "start", "--no-workers"], {
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
    other = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk) => {
        out += String(chunk);
        const match = /API:\s+(http:\/\/\S+)\/v1/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once("exit", (code) => reject(new Error(`second API exited ${code}: ${out}`)));
    });
  }, 60_000);
  afterAll(async () => {
    child?.kill("SIGTERM");
    if (child) await new Promise((resolve) => child.once("exit", resolve));
    await h?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const status = async (base: string, path: string, key: string, body?: unknown) =>
    (
      await fetch(`${base}${path}`, {
        method: body ? "POST" : "GET",
        headers: { authorization: `Bearer ${key}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
    ).status;

  it("a revoked key stops working within a second on every API process", async () => {
    const created = await h.api("POST", "/v1/api-keys", { name: "short-lived", role: "developer" });
    const key = created.body.key as string;
    // Both processes have the key cached.
    for (let i = 0; i < 3; i++) {
      expect(await status(h.url, "/v1/messages?limit=1", key)).toBe(200);
      expect(await status(other, "/v1/messages?limit=1", key)).toBe(200);
    }
    expect((await h.api("DELETE", `/v1/api-keys/${created.body.apiKey.id}`)).status).toBe(204);
    const elsewhere = await within(
      1_000,
      async () => (await status(other, "/v1/messages?limit=1", key)) === 401,
    );
    const here = await within(1_000, async () => (await status(h.url, "/v1/messages?limit=1", key)) === 401);
    expect(elsewhere).toBeLessThan(1_000);
    expect(here).toBeLessThan(1_000);
  });

  it("a number that stops being connected is refused for sending within a second on every API process", async () => {
    const send = { to: `+54911${randomInt(10_000_000, 99_999_999)}`, type: "text", text: { body: "hola" } };
    // Cached as connected on both: the send gets as far as the window check.
    expect(await status(other, "/v1/messages", h.apiKey, send)).toBe(422);
    const { db } = h.charla.services.database;
    await db.update(phoneNumbers).set({ status: "disconnected" }).where(eq(phoneNumbers.id, h.number.id));
    await within(1_000, async () => {
      const res = await fetch(`${other}/v1/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${h.apiKey}`, "content-type": "application/json" },
        body: JSON.stringify(send),
      });
      return ((await res.json()) as { code: string }).code === "phone_number_not_connected";
    });
  });
});
