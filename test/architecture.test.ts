import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { customerEventCatalogue } from "../src/events/index.ts";
import { modules } from "../src/modules/index.ts";

const run = promisify(execFile);
const root = join(import.meta.dirname, "..");
const biome = join(root, "node_modules/.bin/biome");

/** Lints a small tree with the project's own biome.json; answers the rules that fired. */
async function lint(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "charla-arch-"));
  try {
    copyFileSync(join(root, "biome.json"), join(dir, "biome.json"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const output = await run(biome, ["lint", "--vcs-enabled=false", "--max-diagnostics=50", "src"], {
      cwd: dir,
    }).then(
      ({ stdout, stderr }) => stdout + stderr,
      (error: { stdout: string; stderr: string }) => error.stdout + error.stderr,
    );
    return [...new Set([...output.matchAll(/lint\/\w+\/(\w+)/g)].map((match) => match[1]!))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const moduleB = {
  "src/modules/b/index.ts": 'export { y } from "./service.ts";\n',
  "src/modules/b/service.ts": "export const y = 1;\n",
  "src/modules/b/schema.ts": "export const table = 1;\n",
};

describe("module boundaries (Biome, in npm test)", () => {
  it("lets a module import another module's index.ts, and a schema.ts another schema.ts", async () => {
    expect(
      await lint({
        ...moduleB,
        "src/modules/a/service.ts": 'import { y } from "../b/index.ts";\n\nexport const x = y;\n',
        "src/modules/a/schema.ts": 'import { table } from "../b/schema.ts";\n\nexport const x = table;\n',
      }),
    ).toEqual([]);
  });

  it("refuses another module's internals, its tables outside schema.ts, and Fastify outside src/http", async () => {
    expect(
      await lint({
        ...moduleB,
        "src/modules/a/service.ts": 'import { y } from "../b/service.ts";\n\nexport const x = y;\n',
        "src/modules/a/routes.ts": 'import { table } from "../b/schema.ts";\n\nexport const x = table;\n',
        "src/runtime.ts": 'import { y } from "./modules/b/service.ts";\n\nexport const z = y;\n',
      }),
    ).toEqual(["noRestrictedImports"]);
    expect(
      await lint({
        "src/modules/a/routes.ts":
          'import type { FastifyInstance } from "fastify";\n\nexport type A = FastifyInstance;\n',
      }),
    ).toEqual(["noRestrictedImports"]);
  });

  it("refuses an import cycle", async () => {
    expect(
      await lint({
        "src/lib/a.ts": 'import { b } from "./b.ts";\n\nexport const a = () => b;\n',
        "src/lib/b.ts": 'import { a } from "./a.ts";\n\nexport const b = () => a;\n',
      }),
    ).toEqual(["noImportCycles"]);
  });

  it("gives every module an index.ts and a README, and collects every module's record", () => {
    const folders = readdirSync(join(root, "src/modules"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    for (const folder of folders) {
      expect(existsSync(join(root, "src/modules", folder, "index.ts")), folder).toBe(true);
      expect(existsSync(join(root, "src/modules", folder, "README.md")), folder).toBe(true);
    }
    expect(modules.map((module) => module.name).sort()).toEqual(folders);
  });

  it("has customer webhooks subscribed to domain events, and offers them the catalogue of the event union", () => {
    const subscribers = modules.flatMap((module) => module.subscribers ?? []).map((s) => s.name);
    expect(subscribers).toContain("webhooks.customer-deliveries");
    expect(Object.keys(customerEventCatalogue)).toContain("message.received");
    expect(Object.keys(customerEventCatalogue)).not.toContain("whatsapp_account.connected");
  });
});
