import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import { type Command, InvalidArgumentError } from "commander";
import type { Database } from "../db/client.ts";
import { releaseMemory } from "../lib/release-memory.ts";
import { findTenantBySlug } from "../modules/accounts/index.ts";
import {
  errorFile,
  type ImportOptions,
  type ImportProgress,
  importFile,
} from "../modules/audiences/index.ts";

interface ImportFlags {
  tenant: string;
  phone: string;
  name?: string;
  attribute: string[];
  tags?: string;
  language?: string;
  optInSource?: string;
  optInDate?: string;
  defaultCountry?: string;
  list?: string;
  declareSource?: string;
  declareDate?: string;
  declareEvidence?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function optionsOf(flags: ImportFlags): ImportOptions {
  const attributes: Record<string, string> = {};
  for (const pair of flags.attribute) {
    const [key, column] = pair.split("=", 2);
    if (!key || !column) throw new InvalidArgumentError(`--attribute takes key=column, not "${pair}"`);
    attributes[key] = column;
  }
  const declared = [flags.declareSource, flags.declareDate, flags.declareEvidence];
  if (declared.some(Boolean) && !declared.every(Boolean))
    throw new InvalidArgumentError(
      "a bulk opt-in needs --declare-source, --declare-date and --declare-evidence",
    );
  return {
    mapping: {
      phone: flags.phone,
      name: flags.name,
      attributes,
      tags: flags.tags,
      language: flags.language,
      optInSource: flags.optInSource,
      optInDate: flags.optInDate,
    },
    defaultCountry: flags.defaultCountry?.toUpperCase(),
    listId: flags.list,
    optIn: flags.declareSource
      ? {
          source: flags.declareSource,
          date: flags.declareDate as string,
          evidence: flags.declareEvidence as string,
        }
      : undefined,
  };
}

/** A progress bar on a terminal; a line per tenth of the file otherwise (logs, CI). */
function progressBar(stream: NodeJS.WriteStream) {
  const started = Date.now();
  let lastTenth = -1;
  return (progress: ImportProgress) => {
    const share = progress.byteSize ? Math.min(1, progress.bytesDone / progress.byteSize) : 0;
    const rate = Math.round(progress.rowsDone / Math.max(0.001, (Date.now() - started) / 1000));
    const text = `${(share * 100).toFixed(0).padStart(3)}%  ${progress.rowsDone.toLocaleString("en")} rows  ${rate.toLocaleString("en")} rows/s  ${progress.failed} refused`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${text}`);
    } else if (Math.floor(share * 10) > lastTenth) {
      lastTenth = Math.floor(share * 10);
      stream.write(`progress ${text}\n`);
    }
  };
}

/** `charla contacts import <file>`: a CSV of contacts, streamed, with a progress bar; rerun to resume. */
export function registerContactCommands(
  program: Command,
  withDatabase: (fn: (database: Database) => Promise<void>) => Promise<void>,
): void {
  program
    .command("contacts")
    .description("Manage contacts")
    .command("import <file>")
    .description("Import a CSV of contacts (streamed; run it again with the same file to resume)")
    .requiredOption("--tenant <slug>", "tenant slug")
    .requiredOption("--phone <column>", "column with the phone number")
    .option("--name <column>", "column with the name")
    .option("--attribute <key=column>", "an attribute from a column (repeatable)", collect, [])
    .option("--tags <column>", "column with tags separated by , ; or |")
    .option("--language <column>", "column with the language code (es, pt-BR...)")
    .option("--opt-in-source <column>", "column with where each contact opted in")
    .option("--opt-in-date <column>", "column with when each contact opted in (YYYY-MM-DD)")
    .option("--default-country <code>", "ISO country for numbers written without their country code")
    .option("--list <id>", "add every imported contact to this static list")
    .option("--declare-source <text>", "bulk opt-in declaration: where every contact of the file opted in")
    .option("--declare-date <date>", "bulk opt-in declaration: when (YYYY-MM-DD)")
    .option("--declare-evidence <text>", "bulk opt-in declaration: the evidence kept")
    .addHelpText(
      "after",
      '\nMillions of rows run in bounded memory with Node\'s defaults; NODE_OPTIONS="--max-semi-space-size=4" trims it further.',
    )
    .action(async (file: string, flags: ImportFlags) => {
      const options = optionsOf(flags);
      await withDatabase(async ({ db }) => {
        const tenant = await findTenantBySlug(db, flags.tenant);
        if (!tenant) throw new InvalidArgumentError(`No tenant with slug "${flags.tenant}"`);
        releaseMemory();
        const { job, resumedFrom } = await importFile(
          db,
          tenant.id,
          { kind: "cli" },
          file,
          options,
          progressBar(process.stderr),
        );
        if (process.stderr.isTTY) process.stderr.write("\n");
        if (resumedFrom > 0) console.log(`Resumed after row ${resumedFrom.toLocaleString("en")}`);
        console.log(
          `Import ${job.id}: ${job.rowsDone} rows, ${job.created} contacts created, ${job.updated} merged, ${job.failed} refused`,
        );
        if (job.failed > 0) {
          const errorsPath = `${file}.errors.csv`;
          await pipeline(errorFile(db, job), createWriteStream(errorsPath));
          console.log(`Refused rows and their reasons: ${errorsPath}`);
        }
      });
    });
}
