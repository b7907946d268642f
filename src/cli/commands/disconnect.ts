/** `corvana-bb disconnect` — registered now; forgetting credentials and purging land in their own change. */
import type { Command } from "commander";
import { NotAvailableError } from "../../errors.ts";
import type { CliIo } from "../io.ts";

/** Registers `disconnect`, which answers "not available yet" until the feature ships. */
export function registerDisconnect(program: Command, _io: CliIo): void {
  program
    .command("disconnect")
    .description(
      "Forget credentials; with --purge also delete the local cache and ask Corvana to delete the data (not available yet)",
    )
    .option("--purge", "also delete the cache, bundles, logs and config, and ask Corvana to delete the collected data")
    .option("--yes", "do not ask for confirmation")
    .action(() => {
      throw new NotAvailableError("`corvana-bb disconnect` is not available in this version yet.", {
        hint: "Until it is, delete the directory shown by `corvana-bb status` to remove the local cache.",
      });
    });
}
