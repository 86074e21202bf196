import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The portal's sources (a workspace beside src/) and its built files. */
export const portalDir = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../portal");
export const portalDist = join(portalDir, "dist");
const hashFile = join(portalDist, ".source-hash");
const SOURCES = ["src", "index.html", "vite.config.ts", "package.json", "tsconfig.json", "public"];

function listFiles(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => listFiles(join(path, entry.name)));
}

/** A hash of every portal source file (path and content): what the last build was made from. */
export function portalSourceHash(): string {
  const hash = createHash("sha256");
  const files = SOURCES.flatMap((source) => listFiles(join(portalDir, source)));
  // Tests beside the sources are not part of the build.
  for (const file of files.filter((path) => !/\.test\.tsx?$/.test(path))) {
    hash.update(relative(portalDir, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

export type PortalBuild = "fresh" | "built" | "absent" | { failed: string };

/**
 * Builds the portal with Vite when its sources changed since the last build (the hash is stored in
 * dist/), so `npm start` serves the current portal with no extra step and restarts cost nothing.
 */
export function ensurePortalBuilt(log: (line: string) => void = () => {}): PortalBuild {
  if (!existsSync(join(portalDir, "index.html"))) return "absent";
  const hash = portalSourceHash();
  const built = existsSync(hashFile) ? readFileSync(hashFile, "utf8").trim() : null;
  if (built === hash && existsSync(join(portalDist, "index.html"))) return "fresh";
  let viteBin: string;
  try {
    const require = createRequire(join(portalDir, "package.json"));
    viteBin = join(resolve(require.resolve("vite/package.json"), ".."), "bin", "vite.js");
  } catch {
    return { failed: "vite is not installed: run npm install" };
  }
  log(
    built === null ? "Building the portal (first build)..." : "Building the portal (its sources changed)...",
  );
  const started = Date.now();
  const result = spawnSync(process.execPath, [viteBin, "build", "--logLevel", "warn"], {
    cwd: portalDir,
    encoding: "utf8",
  });
  if (result.status !== 0) return { failed: `${result.stderr || result.stdout || result.error}`.trim() };
  writeFileSync(hashFile, `${hash}\n`);
  log(`Portal built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return "built";
}
