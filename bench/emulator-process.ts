/**
 * The emulator alone in a child process (bench/emulator-load.ts forks it), so the load generators
 * and the webhook receiver never share its event loop. Config comes as JSON in argv[2]; the parent asks
 * for `process.cpuUsage()` over IPC to measure the emulator's CPU share.
 */
import type { EmulatorConfigInput } from "../src/emulator/config.ts";
import { startEmulator } from "../src/emulator/server.ts";

const config = JSON.parse(process.argv[2] ?? "{}") as EmulatorConfigInput;
const emu = await startEmulator(config);
process.send?.({ ready: true, url: emu.url, token: emu.config.accessToken });
process.on("message", async (msg: { cmd: string }) => {
  if (msg.cmd === "cpu") process.send?.({ cpu: process.cpuUsage(), at: performance.now() });
  else if (msg.cmd === "stats")
    process.send?.({ stats: emu.state.stats, pendingWebhooks: emu.webhooks.pending() });
  else if (msg.cmd === "close") {
    await emu.close();
    process.exit(0);
  }
});
