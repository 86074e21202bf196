/** The `charla` command line (loaded by main.ts once module resolution is set up). */
import { Command, InvalidArgumentError } from "commander";
import { ConfigError } from "../config/config.ts";
import { registerCommands } from "./commands.ts";

const program = new Command()
  .name("charla")
  .description("Charla: open-source WhatsApp Business platform")
  .showHelpAfterError();
registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof ConfigError || error instanceof InvalidArgumentError) {
    console.error(error.message);
    process.exit(2);
  }
  const message = error instanceof Error ? error.message : String(error);
  console.error(`charla: ${message}`);
  process.exit(1);
}
