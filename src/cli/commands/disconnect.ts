/**
 * `corvana-bb disconnect [--purge] [--yes]` — forget this install's credentials and revoke the collector at
 * Corvana; with --purge also ask Corvana to delete the data and wipe the local files, keeping a receipt.
 * Asks for confirmation on a terminal; scripts pass --yes; without a terminal and without --yes it refuses
 * (it never prompts where nobody can answer).
 */
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { prepareDisconnect } from "../../app/disconnect.ts";
import { loadConfig } from "../../config/load-config.ts";
import { PartialProgressError, UsageError } from "../../errors.ts";
import { createHttpDispatcher } from "../../net/http-dispatcher.ts";
import { type CliIo, isInteractive } from "../io.ts";
import { loggerFor } from "../log.ts";
import { renderDisconnectPlan, renderDisconnectResult } from "../render/disconnect.ts";

interface DisconnectFlags {
  purge?: boolean;
  yes?: boolean;
  json?: boolean;
  workspace?: string;
  credentialStore?: string;
}

/** Registers `disconnect`. */
export function registerDisconnect(program: Command, io: CliIo): void {
  program
    .command("disconnect")
    .description(
      "Forget the credentials and revoke the collector; with --purge also delete all local data and ask Corvana to delete the collected data",
    )
    .option("--purge", "also delete the cache, bundles, logs and config, and ask Corvana to delete the collected data")
    .option("--yes", "do not ask for confirmation (for scripts)")
    .option("--json", "print the result as JSON")
    .option("--workspace <slug>", "the Bitbucket workspace (default: CORVANA_BB_WORKSPACE or config)")
    .option("--credential-store <kind>", "where credentials are kept: keychain (default) or file")
    .action(async (flags: DisconnectFlags, command: Command) => {
      const log = loggerFor(command, io);
      const purge = flags.purge === true;
      if (flags.yes !== true && !isInteractive(io)) {
        throw new UsageError("disconnect needs a confirmation, and there is no terminal to ask on.", {
          hint: `Pass --yes to confirm: corvana-bb disconnect${purge ? " --purge" : ""} --yes`,
        });
      }
      const config = loadConfig(io.env, { workspace: flags.workspace, credentialStore: flags.credentialStore });
      const http = createHttpDispatcher(io.env);
      try {
        const prepared = await prepareDisconnect(config, { purge, dispatcher: http.dispatcher });
        if (flags.yes !== true && !(await confirm(io, renderDisconnectPlan(prepared.plan)))) {
          io.stderr.write("Nothing was changed.\n");
          return;
        }
        if (prepared.plan.collector !== null) log.info(`Asking Corvana (${prepared.plan.collector.corvanaUrl})…`);
        const result = await prepared.run();
        io.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : renderDisconnectResult(result));
        if (result.corvana.status === "pending-at-corvana") {
          throw new PartialProgressError(`Disconnected locally, but not at Corvana: ${result.corvana.reason}`, {
            hint: result.corvana.todo,
          });
        }
      } finally {
        await http.close();
      }
    });
}

/** Shows the plan on stderr and reads y/N from the terminal. */
async function confirm(io: CliIo, plan: string): Promise<boolean> {
  io.stderr.write(plan);
  const rl = createInterface({ input: io.stdin, output: io.stderr, terminal: false });
  try {
    const answer = await new Promise<string>((resolve) => {
      rl.question("Continue? [y/N] ", resolve);
      rl.once("close", () => resolve(""));
    });
    return /^y(es)?$/i.test(answer.trim());
  } finally {
    rl.close();
    io.stdin.pause();
  }
}
