import { registerHooks } from "node:module";

/** drizzle-orm's own files, as their importers' URLs start. */
const DRIZZLE = "/node_modules/drizzle-orm/";

/**
 * Resolves drizzle-orm's relative imports of its own `.js` files (ES modules: its package.json
 * says `"type": "module"`) without Node's package-scope lookup. Node 24 parses the package's
 * whole package.json (180 KB, its exports map) again for each of the ~110 modules a start loads,
 * and each copy stays alive until the module graph is linked: ~150 MB of heap at start, which
 * V8 keeps committed (the CLI's peak RSS). The answer is the same: the file next to its importer.
 * Only drizzle-orm: other packages keep Node's resolution (their type, their detection).
 */
export function resolveDrizzleDirectly(): void {
  registerHooks({
    resolve(specifier, context, next) {
      const parent = context.parentURL;
      if (
        parent?.startsWith("file:") &&
        parent.includes(DRIZZLE) &&
        (specifier.startsWith("./") || specifier.startsWith("../")) &&
        specifier.endsWith(".js")
      )
        return { url: new URL(specifier, parent).href, format: "module", shortCircuit: true };
      return next(specifier, context);
    },
  });
}
