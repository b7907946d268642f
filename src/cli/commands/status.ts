/** `corvana-bb status` — the cache and the recent syncs at a glance; `--json` for scripts. No network. */
import type { Command } from "commander";
import { loadConfig } from "../../config/load-config.ts";
import { readStatus } from "../../status/read-status.ts";
import { type CliIo, useColour } from "../io.ts";
import { renderStatus, renderStatusJson } from "../render/status.ts";

/** Registers `status`. */
export function registerStatus(program: Command, io: CliIo): void {
  program
    .command("status")
    .description("Show the workspace, the last sync runs and what the local cache holds (no network calls)")
    .option("--workspace <slug>", "the Bitbucket workspace (default: CORVANA_BB_WORKSPACE or config)")
    .option("--json", "print JSON for scripts")
    .action((options: { workspace?: string; json?: boolean }) => {
      const config = loadConfig(io.env, { workspace: options.workspace });
      const status = readStatus(config);
      io.stdout.write(options.json ? renderStatusJson(status) : renderStatus(status, useColour(io)));
    });
}
