import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Admin URL of a PostgreSQL server for tests, or null when none answers. */
    postgresUrl: string | null;
  }
}

const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/test";

/** Finds the PostgreSQL server the suite also runs against; says loudly when there is none. */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_POSTGRES_URL ?? DEFAULT_URL;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    project.provide("postgresUrl", url);
  } catch (error) {
    if (process.env.REQUIRE_POSTGRES === "1") {
      throw new Error(
        `REQUIRE_POSTGRES=1 but PostgreSQL at ${url} does not answer: ${(error as Error).message}`,
      );
    }
    const bar = "!".repeat(78);
    console.warn(
      `\n${bar}\n!! PostgreSQL at ${url} does not answer (${(error as Error).message}).\n` +
        `!! The PostgreSQL half of the integration suite is SKIPPED; only PGlite runs.\n${bar}\n`,
    );
    project.provide("postgresUrl", null);
  } finally {
    await client.end().catch(() => {});
  }
}
