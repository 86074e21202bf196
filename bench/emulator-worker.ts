/** Runs the emulator in a worker thread so the load generator does not share its event loop. */
import { parentPort, workerData } from "node:worker_threads";
import type { EmulatorConfigInput } from "../src/emulator/config.ts";
import { startEmulator } from "../src/emulator/server.ts";

const emu = await startEmulator(workerData ?? {});
parentPort?.postMessage({ url: emu.url, token: emu.config.accessToken, appSecret: emu.config.appSecret });
parentPort?.on("message", async (msg: unknown) => {
  if (msg === "stats") {
    parentPort?.postMessage({ stats: emu.state.stats });
  } else if (msg === "close") {
    await emu.close();
    parentPort?.close();
  } else if (typeof msg === "object" && msg && "setConfig" in msg) {
    emu.setConfig((msg as { setConfig: EmulatorConfigInput }).setConfig);
    parentPort?.postMessage({ configured: true });
  }
});
