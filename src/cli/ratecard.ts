import { readFileSync } from "node:fs";
import { type Command, InvalidArgumentError } from "commander";
import type { Database } from "../db/client.ts";
import { importRateCard } from "../modules/billing/index.ts";

/** `charla ratecard import <file>`: Meta's published rate card CSV as a new card version. */
export function registerRateCardCommands(
  program: Command,
  withDatabase: (fn: (database: Database) => Promise<void>) => Promise<void>,
): void {
  program
    .command("ratecard")
    .description("Manage Meta's rate cards")
    .command("import <file>")
    .description("Import Meta's rate card CSV as a new version (never edits an existing card)")
    .requiredOption("--effective <date>", "effective date, YYYY-MM-DD (Meta's pricing calendar)")
    .requiredOption("--source <text>", "where the card comes from (Meta's URL and download date)")
    .option("--currency <code>", "the card's currency when the CSV has no Currency column")
    .option("--tiers <file>", "Meta's volume tier CSV of the same card")
    .action(
      async (
        file: string,
        options: { effective: string; source: string; currency?: string; tiers?: string },
      ) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(options.effective))
          throw new InvalidArgumentError("--effective must be YYYY-MM-DD");
        await withDatabase(async ({ db }) => {
          const card = await importRateCard(db, {
            csv: readFileSync(file, "utf8"),
            tiersCsv: options.tiers ? readFileSync(options.tiers, "utf8") : undefined,
            currency: options.currency,
            effectiveFrom: new Date(`${options.effective}T00:00:00Z`),
            source: options.source,
            importedBy: "cli",
          });
          console.log(
            `Rate card ${card.currency} effective ${options.effective} version ${card.version}: ${card.rates} rates (${card.id})`,
          );
        });
      },
    );
}
