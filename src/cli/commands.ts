import { type Command, InvalidArgumentError } from "commander";
import { type Config, loadConfig } from "../config/config.ts";
import { type Database, openDatabase, pgliteDir } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { releaseMemory } from "../lib/release-memory.ts";
import type { Actor } from "../modules/accounts/index.ts";
import {
  createApiKey,
  createTenant,
  findTenantBySlug,
  type Role,
  roles,
  seedDemo,
  seedPlatformAdmin,
} from "../modules/accounts/index.ts";
import type { Charla } from "../runtime.ts";
import type { Sandbox } from "../sandbox.ts";
import { registerContactCommands } from "./contacts.ts";
import { registerRateCardCommands } from "./ratecard.ts";

const cliActor: Actor = { kind: "cli" };

function parseRole(value: string): Role {
  if (!(roles as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`role must be one of: ${roles.join(", ")}`);
  }
  return value as Role;
}

/** Opens and migrates the configured database for a one-off command, then closes it. */
async function withDatabase<T>(fn: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: pgliteDir(config.DATA_DIR) });
  try {
    await migrate(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

/**
 * A worker's V8 heap: 16 MB semi-spaces and a 512 MB old-generation ceiling. With Node's defaults
 * a worker under sustained load (a campaign, a status storm) grew its young generation to 128 MB
 * and, with its old-generation growth factor of 4, let promoted garbage pile up to three times
 * the ~60 MB it keeps alive: 480-535 MB RSS. A ceiling under 2 GB makes V8 grow the old generation
 * by ~1.4x what survives instead, so the heap follows what is alive.
 */
const WORKER_V8_FLAGS = ["--max-semi-space-size=16", "--max-old-space-size=512"];

/**
 * Re-executes this process (same pid, before anything is loaded) with the worker's V8 flags, which
 * only take effect at start. Heap flags given by NODE_OPTIONS or on the command line win.
 */
function withWorkerHeap(): void {
  const given = `${process.execArgv.join(" ")} ${process.env.NODE_OPTIONS ?? ""}`;
  if (/--max-(semi|old)-space-size/.test(given) || typeof process.execve !== "function") return;
  process.execve(
    process.execPath,
    [process.execPath, ...WORKER_V8_FLAGS, ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  );
}

function onShutdown(close: () => Promise<void>) {
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`\n${signal}: shutting down...`);
    await close();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop("SIGINT"));
  process.once("SIGTERM", () => void stop("SIGTERM"));
}

/** Seeds the platform admin (and the demo tenant with its sandbox numbers) and says how to use them. */
async function seedAndDescribe(config: Config, charla: Charla, sandbox: Sandbox | null): Promise<string[]> {
  const lines = [
    "",
    "Charla is running",
    `  Portal:    ${charla.url}/`,
    `  API:       ${charla.url}/v1`,
    `  API docs:  ${charla.url}/docs  (OpenAPI: ${charla.url}/openapi.json)`,
    `  Health:    ${charla.url}/health`,
    `  Database:  ${charla.services.database.kind === "pglite" ? `PGlite in ${pgliteDir(config.DATA_DIR)}` : "PostgreSQL"}`,
  ];
  const platform = await seedPlatformAdmin(charla.services.database.db, {
    renewPassword: config.SEED_DEMO,
  });
  lines.push(
    "",
    "Platform admin of this installation (reviews templates, runs tenants):",
    platform.password
      ? `  Login:     ${platform.email} / ${platform.password}  at ${charla.url}/`
      : `  Login:     ${platform.email} (password unchanged)  at ${charla.url}/`,
  );
  if (config.SEED_DEMO) {
    const { DEMO_STARTING_BALANCE, seedDemoWallet } = await import("../modules/billing/index.ts");
    const demo = await seedDemo(charla.services.database.db);
    await seedDemoWallet(charla.services, demo.tenant.id);
    lines.push(
      "",
      `Demo tenant "${demo.tenant.slug}" (new credentials are issued at every start; wallet opened with ${DEMO_STARTING_BALANCE} USD):`,
      `  Login:     ${demo.email} / ${demo.password}  at ${charla.url}/`,
      `  API key:   ${demo.apiKey}`,
      `  Try:       curl -H "Authorization: Bearer ${demo.apiKey}" ${charla.url}/v1/tenant`,
    );
    if (sandbox) {
      const { connectSandboxAccount } = await import("../sandbox.ts");
      const { phoneNumbers } = await connectSandboxAccount(charla.services, demo.tenant.id, sandbox);
      lines.push(
        "",
        `Sandbox (WhatsApp Cloud API emulator) at ${sandbox.emulator.url}, connected to the demo tenant:`,
        ...phoneNumbers.map(
          (n) => `  Number:    ${n.displayPhoneNumber} (phone number id ${n.phoneNumberId})`,
        ),
        "  A customer writes to you (opens the 24-hour window):",
        `    curl -X POST ${sandbox.emulator.url}/_emulator/inbound -H 'content-type: application/json' -d '{"from":"5491155550000","text":"Hola"}'`,
        "  You answer:",
        `    curl -X POST ${charla.url}/v1/messages -H "Authorization: Bearer ${demo.apiKey}" -H 'content-type: application/json' -d '{"to":"+5491155550000","type":"text","text":{"body":"Hola! En qué te ayudo?"}}'`,
      );
    }
  }
  return lines;
}

/**
 * The server (every module, Fastify, pg-boss) is loaded only by the commands that run it: a one-off
 * command such as `contacts import` starts without it (hundreds of modules fewer, a lower peak RSS).
 */
const runtime = () => import("../runtime.ts");

export function registerCommands(program: Command): void {
  program
    .command("start")
    .description("Start the API, the workers and (by default) the sandbox emulator; seed the demo tenant")
    .option("--no-workers", "serve the API only")
    .action(async (options: { workers: boolean }) => {
      const config = loadConfig();
      const { createLogger, startCharla } = await runtime();
      const logger = createLogger(config);
      const { ensurePortalBuilt } = await import("../http/portal-build.ts");
      const portal = ensurePortalBuilt((line) => console.log(line));
      if (typeof portal === "object") console.error(`The portal could not be built:\n${portal.failed}`);
      // The emulator is loaded only when the sandbox runs (not in production).
      const sandbox = config.SANDBOX
        ? await (await import("../sandbox.ts")).startSandbox({
            port: config.SANDBOX_PORT,
            version: config.WHATSAPP_API_VERSION,
          })
        : null;
      const charla = await startCharla({
        config,
        api: true,
        workers: options.workers,
        logger,
        graph: sandbox?.graph,
        sandbox: sandbox ? { emulatorUrl: sandbox.emulator.url } : null,
      });
      sandbox?.attach(charla.url!);
      onShutdown(async () => {
        await charla.close();
        await sandbox?.close();
      });
      console.log((await seedAndDescribe(config, charla, sandbox)).join("\n"));
      releaseMemory();
    });

  program
    .command("emulator")
    .description("Run the local WhatsApp Cloud API emulator alone")
    .option("--port <port>", "port", (value) => Number.parseInt(value, 10), 4010)
    .option("--webhook-url <url>", "where to POST signed webhooks")
    .action(async (options: { port: number; webhookUrl?: string }) => {
      const { runEmulatorFromCli } = await import("../emulator/cli.ts");
      await runEmulatorFromCli({ port: options.port, webhookUrl: options.webhookUrl ?? null });
    });

  program
    .command("worker")
    .description("Run background jobs only (any number of workers can share one PostgreSQL)")
    .action(async () => {
      withWorkerHeap();
      const config = loadConfig();
      const { createLogger, startCharla } = await runtime();
      const charla = await startCharla({ config, api: false, workers: true, logger: createLogger(config) });
      onShutdown(() => charla.close());
      console.log(`Charla worker running on ${charla.services.database.kind}`);
      releaseMemory();
    });

  program
    .command("migrate")
    .description("Apply database migrations and exit")
    .action(async () => {
      await withDatabase(async (database) => {
        console.log(`Migrations applied (${database.kind}).`);
      });
    });

  const tenant = program.command("tenant").description("Manage tenants");
  tenant
    .command("create")
    .description("Create a tenant and print its first admin API key")
    .requiredOption("--slug <slug>", "short unique id, e.g. acme")
    .requiredOption("--name <name>", "display name")
    .action(async (options: { slug: string; name: string }) => {
      await withDatabase(async ({ db }) => {
        const created = await createTenant(db, options, cliActor);
        const { key } = await createApiKey(
          db,
          { tenantId: created.id, name: "initial admin key", role: "tenant_admin" },
          cliActor,
        );
        console.log(`Tenant ${created.slug} created (${created.id})\nAdmin API key (shown once): ${key}`);
      });
    });

  const apikey = program.command("apikey").description("Manage API keys");
  apikey
    .command("create")
    .description("Create an API key for a tenant")
    .requiredOption("--tenant <slug>", "tenant slug")
    .option("--name <name>", "what the key is for", "cli key")
    .option("--role <role>", `one of ${roles.join(", ")}`, parseRole, "developer" as Role)
    .action(async (options: { tenant: string; name: string; role: Role }) => {
      await withDatabase(async ({ db }) => {
        const found = await findTenantBySlug(db, options.tenant);
        if (!found) throw new InvalidArgumentError(`No tenant with slug "${options.tenant}"`);
        const { key, apiKey } = await createApiKey(
          db,
          { tenantId: found.id, name: options.name, role: options.role },
          cliActor,
        );
        console.log(`API key ${apiKey.id} (${apiKey.role}) for ${found.slug} (shown once):\n${key}`);
      });
    });
  registerRateCardCommands(program, withDatabase);
  registerContactCommands(program, withDatabase);
}
