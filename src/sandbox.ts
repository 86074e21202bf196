import type { Services } from "./app/services.ts";
import { DEFAULT_WABAS } from "./emulator/config.ts";
import { type RunningEmulator, type StartEmulatorOptions, startEmulator } from "./emulator/server.ts";
import { connectAccount, connectedAccount } from "./modules/numbers/index.ts";
import type { GraphSettings } from "./whatsapp/graph.ts";

/** The sandbox: the Cloud API emulator Charla talks to instead of Meta, with its webhooks pointed back at Charla. */
export interface Sandbox {
  emulator: RunningEmulator;
  graph: GraphSettings;
  /** Points the emulator's webhooks at a running Charla. */
  attach(charlaUrl: string): void;
  close(): Promise<void>;
}

export async function startSandbox(options: StartEmulatorOptions & { version: string }): Promise<Sandbox> {
  const { version, ...emulatorOptions } = options;
  const emulator = await startEmulator(emulatorOptions);
  return {
    emulator,
    graph: {
      baseUrl: emulator.url,
      version,
      appSecret: emulator.config.appSecret,
      verifyToken: emulator.config.verifyToken,
    },
    attach(charlaUrl) {
      emulator.setConfig({ webhookUrl: `${charlaUrl}/webhooks/whatsapp` });
    },
    close: () => emulator.close(),
  };
}

/** The sandbox's first WABA, connected to a tenant once (idempotent). */
export async function connectSandboxAccount(
  services: Pick<Services, "database" | "graph" | "secrets" | "boss">,
  tenantId: string,
  sandbox: Sandbox,
  wabaId = DEFAULT_WABAS[0]!.id,
) {
  const existing = await connectedAccount(services.database.db, tenantId, wabaId);
  if (existing) return existing;
  return connectAccount(
    services,
    tenantId,
    { wabaId, accessToken: sandbox.emulator.config.accessToken, name: "Sandbox WABA" },
    { kind: "system" },
    // Sandbox accounts are test accounts: their notifications need no platform review.
    { notifications: "enabled" },
  );
}
