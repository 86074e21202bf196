import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, describeEachDatabase, type TestDatabase } from "./support/databases.ts";

const run = promisify(execFile);
const cli = join(import.meta.dirname, "../src/cli/main.ts");

// Each step is a new process that opens and migrates the database: slow on a loaded machine.
describeEachDatabase("charla contacts import", (kind) => {
  const dir = mkdtempSync(join(tmpdir(), "charla-cli-import-"));
  let database: TestDatabase;
  let env: Record<string, string>;
  const charla = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env, timeout: 120_000 });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // The CLI opens its own connection (PGlite cannot be shared between processes).
    if (kind === "pglite") await database.database.close();
    env = {
      ...process.env,
      DATA_DIR: join(dir, "data"),
      LOG_LEVEL: "silent",
      DATABASE_URL: database.url ?? "",
    } as Record<string, string>;
    expect((await charla(["tenant", "create", "--slug", "shop", "--name", "Shop"])).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    if (kind === "postgres") await database.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("imports a CSV with progress, writes the refused rows to a file, and resumes after kill -9", {
    timeout: 300_000,
  }, async () => {
    const rows = Array.from(
      { length: 15_000 },
      (_, i) => `11 6${String(i).padStart(7, "0")},Cliente ${i},${i % 3}`,
    );
    rows.splice(10, 0, "12,Too short,1");
    const file = join(dir, "clientes.csv");
    writeFileSync(file, `telefono,nombre,nivel\n${rows.join("\n")}\n`);
    const args = [
      "contacts",
      "import",
      file,
      ...["--tenant", "shop", "--phone", "telefono", "--name", "nombre", "--attribute", "level=nivel"],
      ...["--default-country", "AR"],
    ];

    // Killed (SIGKILL) once its first batches are committed.
    const child = spawn(process.execPath, [cli, ...args], { env });
    await new Promise<void>((resolve, reject) => {
      child.stderr.on("data", (data: Buffer) => {
        if (/progress\s+\d+%\s+[1-9]/.test(data.toString())) {
          child.kill("SIGKILL");
          resolve();
        }
      });
      child.on("exit", () => resolve());
      child.on("error", reject);
    });
    if (child.exitCode === null && child.signalCode === null) await once(child, "exit");

    const resumed = await charla(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/Resumed after row [1-9]/);
    expect(resumed.stderr).toContain("progress 100%");
    expect(resumed.stdout).toMatch(/15,?001 rows/);
    expect(resumed.stdout).toContain("1 refused");
    const errors = readFileSync(`${file}.errors.csv`, "utf8").trim().split("\n");
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatch(/^12,.*is not a phone number.*,12,Too short,1$/);

    // Run again once finished: nothing new, nothing duplicated.
    rmSync(`${file}.errors.csv`);
    const again = await charla(args);
    expect(again.stdout).toContain("0 contacts created, 15000 merged, 1 refused");
    expect(existsSync(`${file}.errors.csv`)).toBe(true);
  });

  it("explains a bad mapping instead of crashing", { timeout: 120_000 }, async () => {
    const file = join(dir, "small.csv");
    writeFileSync(file, "phone\n+5491155550001\n");
    const missing = await charla(["contacts", "import", file, "--tenant", "shop", "--phone", "Phone"]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('no column "Phone"');
    const tenant = await charla(["contacts", "import", file, "--tenant", "nobody", "--phone", "phone"]);
    expect(tenant.code).toBe(2);
    expect(tenant.stderr).toContain('No tenant with slug "nobody"');
  });
});
