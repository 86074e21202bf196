#!/usr/bin/env node
// Entry for `npx charla` / a global install: the sources are TypeScript run by Node >= 22.18's type stripping.
import "../src/cli/main.ts";
