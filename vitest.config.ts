import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "portal/src/**/*.test.ts", "portal/e2e/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances and servers are heavy: keep parallelism bounded on a 2-core machine.
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["test/global-setup.ts", "test/portal-setup.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
