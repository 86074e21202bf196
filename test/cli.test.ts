import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = join(import.meta.dirname, "../src/cli/main.ts");
const dataDir = mkdtempSync(join(tmpdir(), "charla-cli-"));

async function charla(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", DATABASE_URL: "", ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Each step spawns a process that opens PGlite and migrates: seconds alone, much longer on a loaded
// machine, so these tests get more than the default 30 s.
describe("charla CLI on the embedded database", { timeout: 120_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("migrates, creates a tenant and API keys", async () => {
    expect((await charla(["migrate"])).stdout).toContain("Migrations applied (pglite)");
    const tenant = await charla(["tenant", "create", "--slug", "acme", "--name", "Acme SA"]);
    expect(tenant.code).toBe(0);
    expect(tenant.stdout).toMatch(/Admin API key \(shown once\): chk_[a-z0-9]{12}_\S+/);
    const key = await charla(["apikey", "create", "--tenant", "acme", "--role", "analyst", "--name", "bi"]);
    expect(key.stdout).toMatch(/\(analyst\) for acme/);
    // Each command is a new process that opens (and the first migrates) PGlite: slow on a loaded 2-core box.
  }, 120_000);

  it("explains bad input instead of crashing", async () => {
    const role = await charla(["apikey", "create", "--tenant", "acme", "--role", "wizard"]);
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain("role must be one of");
    const missing = await charla(["apikey", "create", "--tenant", "nobody"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No tenant with slug "nobody"');
    const dup = await charla(["tenant", "create", "--slug", "acme", "--name", "Again"]);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('A tenant with slug "acme" exists');
    const config = await charla(["migrate"], { PORT: "huge" });
    expect(config.code).toBe(2);
    expect(config.stderr).toContain('PORT="huge"');
  }, 120_000);
});
