#!/usr/bin/env node
import { resolvePackagesQuickly } from "../lib/module-resolve.ts";

// Before anything else is loaded: the hook must see every import of the program.
resolvePackagesQuickly();
await import("./program.ts");
