import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package.json that decides a directory's module type, and that type (read once per directory). */
const typeByDirectory = new Map<string, "module" | "commonjs">();

function packageTypeOf(directory: string): "module" | "commonjs" {
  const known = typeByDirectory.get(directory);
  if (known) return known;
  let type: "module" | "commonjs";
  try {
    const text = readFileSync(join(directory, "package.json"), "utf8");
    type = (JSON.parse(text) as { type?: string }).type === "module" ? "module" : "commonjs";
  } catch {
    const parent = dirname(directory);
    type = parent === directory ? "commonjs" : packageTypeOf(parent);
  }
  typeByDirectory.set(directory, type);
  return type;
}

/**
 * Resolves relative `.js` imports inside node_modules without Node's package-scope lookup. Node 24
 * hands that lookup the whole package.json again for every module it loads: for drizzle-orm (a
 * 180 KB package.json, hundreds of modules) that is ~140 MB of garbage strings at start, which the
 * young generation grows to hold and keeps (RSS), and most of the start time. The answer is the
 * same: the file next to its importer, with the type of its nearest package.json.
 */
export function resolvePackagesQuickly(): void {
  registerHooks({
    resolve(specifier, context, next) {
      const parent = context.parentURL;
      if (
        parent?.startsWith("file:") &&
        parent.includes("/node_modules/") &&
        (specifier.startsWith("./") || specifier.startsWith("../")) &&
        specifier.endsWith(".js")
      ) {
        const url = new URL(specifier, parent);
        return { url: url.href, format: packageTypeOf(dirname(fileURLToPath(url))), shortCircuit: true };
      }
      return next(specifier, context);
    },
  });
}
