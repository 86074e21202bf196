#!/usr/bin/env node
import { resolveDrizzleDirectly } from "../lib/module-resolve.ts";

// Before anything else is loaded: the hook must see drizzle-orm's imports from the start.
resolveDrizzleDirectly();
await import("./program.ts");
