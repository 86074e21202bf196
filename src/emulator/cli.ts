/** `charla emulator`: runs the emulator in the foreground and prints how to reach it. */
import type { EmulatorConfigInput } from "./config.ts";
import { type RunningEmulator, startEmulator } from "./server.ts";

export interface EmulatorCliOptions extends EmulatorConfigInput {
  /** default 4010 */
  port?: number;
  /** default 127.0.0.1 */
  host?: string;
  logger?: boolean;
  /** where to print (default console.log) */
  print?: (line: string) => void;
  /** stop on SIGINT/SIGTERM (default true) */
  handleSignals?: boolean;
}

export async function runEmulatorFromCli(opts: EmulatorCliOptions = {}): Promise<RunningEmulator> {
  const { print = (l: string) => console.log(l), handleSignals = true, ...rest } = opts;
  const emu = await startEmulator({ port: 4010, ...rest });
  const cfg = emu.config;
  print(`Charla Cloud API emulator listening on ${emu.url}`);
  print(`  graph base URL : ${emu.url}/v23.0`);
  print(`  access token   : ${cfg.accessToken}`);
  print(`  app secret     : ${cfg.appSecret}`);
  print(`  verify token   : ${cfg.verifyToken}`);
  print(
    `  webhook URL    : ${cfg.webhookUrl ?? '(none; set with POST /_emulator/config {"webhookUrl": ...})'}`,
  );
  for (const w of emu.state.wabas.values()) {
    print(`  WABA ${w.id} (${w.name})`);
    for (const p of emu.state.phoneOfWaba(w.id)) {
      print(
        `    phone number id ${p.id}  ${p.displayPhoneNumber}  ${p.registered ? "registered" : "not registered"}`,
      );
    }
  }
  print(
    `  recipients starting with ${cfg.notOnWhatsApp.prefixes.join(", ") || "(none)"} are not on WhatsApp`,
  );
  print(`  control endpoints: ${emu.url}/_emulator/{info,inbound,messages,webhooks,config,reset}`);
  if (handleSignals) {
    const stop = () => {
      void emu.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  return emu;
}
