import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // PGlite instances and servers are heavy: keep parallelism bounded on a 2-core machine.
    pool: "forks",
    maxWorkers: 2,
    globalSetup: ["test/global-setup.ts", "test/portal-setup.ts"],
    reporters: ["default", "./test/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "charla",
          include: ["src/**/*.test.ts", "test/**/*.test.ts", "portal/src/**/*.test.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The portal in a real browser, after the rest: Chromium beside the other suites on two cores
        // would slow both past their timeouts.
        extends: true,
        test: { name: "portal-e2e", include: ["portal/e2e/**/*.test.ts"], sequence: { groupOrder: 1 } },
      },
    ],
  },
});
