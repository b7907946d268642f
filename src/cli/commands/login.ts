/** `corvana-bb login` — registered now; the OAuth login lands in its own change. */
import type { Command } from "commander";
import { NotAvailableError } from "../../errors.ts";
import type { CliIo } from "../io.ts";

/** Registers `login`, which answers "not available yet" until the login feature ships. */
export function registerLogin(program: Command, _io: CliIo): void {
  program
    .command("login")
    .description("Log in to Bitbucket in the browser and keep the tokens in the OS keychain (not available yet)")
    .option("--workspace <slug>", "the Bitbucket workspace to collect from")
    .action(() => {
      throw new NotAvailableError("`corvana-bb login` is not available in this version yet.", {
        hint: "For now, set CORVANA_BB_TOKEN to a workspace access token with read scopes and run `corvana-bb sync`.",
      });
    });
}
