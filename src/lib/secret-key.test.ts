import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../test/support/databases.ts";
import { type Harness, startHarness } from "../../test/support/harness.ts";
import { loadConfig } from "../config/config.ts";
import { startCharla } from "../runtime.ts";
import { SecretBox } from "./crypto.ts";
import { SecretKeyMismatchError, verifySecretKey } from "./secret-key.ts";

describeEachDatabase("secret key check", (kind) => {
  let h: Harness;
  let dataDir: string;
  beforeAll(async () => {
    h = await startHarness(kind, {}, {}, { workers: false });
    dataDir = mkdtempSync(join(tmpdir(), "charla-key-"));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string>) =>
    startCharla({
      config: loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SANDBOX: "false", ...env }),
      api: false,
      workers: true,
      database: h.testDatabase.database,
      graph: h.sandbox.graph,
    });

  it("lets a second process with the same key start", async () => {
    const worker = await start({ SECRET_KEY: "0".repeat(64) });
    await worker.close();
    await expect(
      verifySecretKey(h.charla.services.database.db, SecretBox.fromString("0".repeat(64))),
    ).resolves.toBeUndefined();
  });

  it("refuses a process with another key, or with none (its own generated key), with a clear message", async () => {
    await expect(start({ SECRET_KEY: "1".repeat(64) })).rejects.toThrow(SecretKeyMismatchError);
    await expect(start({})).rejects.toThrow(/must be started with the same SECRET_KEY/);
  });
});
