import type { Logger } from "pino";
import { collectDefaultMetrics, Registry } from "prom-client";
import type { Services } from "./app/services.ts";
import type { Config } from "./config/config.ts";
import { type Database, openDatabase, pgliteDir } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { useSubscribers } from "./events/index.ts";
import { buildApp, type HttpApp } from "./http/app.ts";
import { createBoss, ensureQueues, startWorkers } from "./jobs/queue.ts";
import { createAppLogger } from "./lib/log.ts";
import { loadSecretBox, verifySecretKey } from "./lib/secret-key.ts";
import { authenticators } from "./modules/accounts/index.ts";
import { moduleJobs, moduleRoutes, moduleSubscribers, publicRoutes } from "./modules/index.ts";
import { ensureMessagePartitions } from "./modules/messages/index.ts";
import { templateSettings } from "./modules/templates/index.ts";
import { createGraph, type GraphSettings } from "./whatsapp/graph.ts";

export interface CharlaOptions {
  config: Config;
  /** Serve the HTTP API. */
  api: boolean;
  /** Run background job handlers. */
  workers: boolean;
  logger?: Logger;
  /** An already opened database (tests share one); otherwise opened from config. */
  database?: Database;
  /** Where the Cloud API is (the sandbox emulator's settings); otherwise from config. */
  graph?: GraphSettings;
  /** The sandbox emulator `graph` points at, when one runs. */
  sandbox?: { emulatorUrl: string } | null;
}

function graphSettingsFrom(config: Config): GraphSettings {
  return {
    baseUrl: config.WHATSAPP_GRAPH_URL,
    version: config.WHATSAPP_API_VERSION,
    // Without Meta's app secret no webhook can be verified, so every one is refused (401).
    appSecret: config.WHATSAPP_APP_SECRET ?? "",
    verifyToken: config.WHATSAPP_VERIFY_TOKEN ?? "",
  };
}

export interface Charla {
  services: Services;
  app: HttpApp | null;
  /** Base URL of the HTTP API when it listens. */
  url: string | null;
  close(): Promise<void>;
}

export function createLogger(config: Config): Logger {
  return createAppLogger(config.LOG_LEVEL);
}

/** One step of shutting down, named for the log when it fails or hangs. */
type Cleanup = { name: string; run: () => Promise<unknown> };

/** A step that has not finished by then is given up on, so the steps after it still run. */
const SHUTDOWN_STEP_MS = 15_000;

/**
 * Runs a shutdown step, failing it after SHUTDOWN_STEP_MS: a step that never ends (an HTTP request
 * or a job that does not finish) must not keep the others, and the database pool, from closing.
 */
function withinShutdownTime(cleanup: Cleanup): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${cleanup.name} did not stop within ${SHUTDOWN_STEP_MS / 1000} s`)),
      SHUTDOWN_STEP_MS,
    );
    timer.unref();
  });
  return Promise.race([cleanup.run(), timeout]).finally(() => clearTimeout(timer));
}

/** Opens the database, migrates it, starts the job queue, then the API and/or the workers. */
export async function startCharla(options: CharlaOptions): Promise<Charla> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config);
  // Settings that read files fail here, at start, not on the first request that needs them.
  templateSettings(config);
  useSubscribers(moduleSubscribers);
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({ url: config.DATABASE_URL, dataDir: pgliteDir(config.DATA_DIR) }));
  const cleanups: Cleanup[] = [];
  if (ownsDatabase) cleanups.push({ name: "database", run: () => database.close() });
  try {
    await migrate(database);
    // Partitions are created ahead daily too; at start so a fresh install has this month's at once.
    await ensureMessagePartitions(database.db, new Date(), (message) => logger.warn(message));
    const secrets = loadSecretBox(config.SECRET_KEY, config.DATA_DIR);
    await verifySecretKey(database.db, secrets);
    const boss = createBoss(database, { superviseIntervalSeconds: config.JOBS_SUPERVISE_SECONDS });
    boss.on("error", (error) => logger.error({ err: error }, "job queue error"));
    await boss.start();
    cleanups.unshift({ name: "job queue", run: () => boss.stop({ graceful: true, timeout: 10_000 }) });
    await ensureQueues(boss, moduleJobs, config.JOBS_RETRY_DELAY_MAX_SECONDS);

    const graph = createGraph(options.graph ?? graphSettingsFrom(config));
    cleanups.unshift({ name: "Graph client", run: () => graph.close() });
    const metrics = new Registry();
    collectDefaultMetrics({ register: metrics });
    const services: Services = {
      config,
      database,
      boss,
      secrets,
      metrics,
      graph,
      sandbox: options.sandbox ?? null,
    };

    if (options.workers)
      await startWorkers(services, moduleJobs, config.WORKER_CONCURRENCY, (failure, message) =>
        logger.error(failure, message),
      );

    let app: HttpApp | null = null;
    let url: string | null = null;
    if (options.api) {
      const built = await buildApp(services, {
        logger,
        modules: moduleRoutes,
        publicRoutes,
        authenticate: authenticators(database.db, config),
      });
      app = built as unknown as HttpApp;
      cleanups.unshift({ name: "HTTP server", run: () => built.close() });
      url = await built.listen({ host: config.HOST, port: config.PORT });
    }
    return {
      services,
      app,
      url,
      async close() {
        for (const cleanup of cleanups.splice(0))
          await withinShutdownTime(cleanup).catch((error) =>
            logger.error({ err: error }, `shutdown step failed: ${cleanup.name}`),
          );
      },
    };
  } catch (error) {
    for (const cleanup of cleanups.splice(0)) await withinShutdownTime(cleanup).catch(() => {});
    throw error;
  }
}
