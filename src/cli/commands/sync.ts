/** `corvana-bb sync` — crawl Bitbucket metadata into the local cache. */
import type { Command } from "commander";
import { runSync } from "../../app/sync.ts";
import { loadConfig } from "../../config/load-config.ts";
import { UsageError } from "../../errors.ts";
import type { CliIo } from "../io.ts";
import { createProgress } from "../render/progress.ts";
import { renderSyncResult } from "../render/sync.ts";

interface SyncFlags {
  workspace?: string;
  full?: boolean;
  json?: boolean;
  quiet?: boolean;
  credentialStore?: string;
  maxRequests?: string;
}

/** Registers `sync`. */
export function registerSync(program: Command, io: CliIo): void {
  program
    .command("sync")
    .description("Crawl the workspace's Bitbucket metadata into the local cache (incremental and resumable)")
    .option("--workspace <slug>", "the Bitbucket workspace (default: CORVANA_BB_WORKSPACE or config)")
    .option("--full", "forget the cursors and crawl everything again")
    .option("--max-requests <n>", "stop cleanly after this many API requests (default 900; resumes next run)")
    .option("--credential-store <kind>", "where credentials are kept: keychain (default) or file")
    .option("--json", "print a JSON summary on stdout")
    .option("--quiet", "print nothing but errors")
    .action(async (flags: SyncFlags) => {
      const config = loadConfig(io.env, {
        workspace: flags.workspace,
        credentialStore: flags.credentialStore,
        requestBudget: parseCount(flags.maxRequests),
      });
      const progress = createProgress(io, { quiet: flags.quiet === true || flags.json === true });
      try {
        const result = await runSync(config, { full: flags.full === true, report: progress.report });
        progress.stop();
        if (flags.json) io.stdout.write(`${JSON.stringify(result)}\n`);
        else if (!flags.quiet) io.stdout.write(renderSyncResult(result));
      } catch (error) {
        progress.stop();
        throw error;
      }
    });
}

function parseCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`--max-requests must be a positive whole number, got "${value}".`);
  return n;
}
