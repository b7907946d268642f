/** `corvana-bb sync` — crawl Bitbucket metadata into the local cache. */
import type { Command } from "commander";
import { runSync } from "../../app/sync.ts";
import { loadConfig } from "../../config/load-config.ts";
import { UsageError } from "../../errors.ts";
import { createHttpDispatcher } from "../../net/http-dispatcher.ts";
import type { CliIo } from "../io.ts";
import { loggerFor } from "../log.ts";
import { createProgress } from "../render/progress.ts";
import { renderSyncResult } from "../render/sync.ts";
import { describeUploadEvent, renderUploadSummary, uploadSummaryJson } from "./bundle-render.ts";

interface SyncFlags {
  workspace?: string;
  full?: boolean;
  json?: boolean;
  quiet?: boolean;
  credentialStore?: string;
  maxRequests?: string;
  steps?: string;
  lookbackDays?: string;
  upload: boolean;
}

/** Registers `sync`. */
export function registerSync(program: Command, io: CliIo): void {
  program
    .command("sync")
    .description("Crawl the workspace's Bitbucket metadata into the local cache (incremental and resumable)")
    .option("--workspace <slug>", "the Bitbucket workspace (default: CORVANA_BB_WORKSPACE or config)")
    .option("--full", "forget the cursors and crawl everything again")
    .option("--max-requests <n>", "stop cleanly after this many API requests (default 900; resumes next run)")
    .option(
      "--lookback-days <n>",
      "how far back a repository's first sync reaches (default 365, or lookbackDays in config.json)",
    )
    .option(
      "--steps <mode>",
      "pipeline steps: off (default), new (pipelines that start from now on) or all; each pipeline costs at least " +
        "one request, at most maxStepRequestsPerRun (default 200) per run (see docs/crawl.md)",
    )
    .option("--credential-store <kind>", "where credentials are kept: keychain (default) or file")
    .option("--no-upload", "keep the changes local: no bundle is sent to Corvana (see `bundle export`)")
    .option("--json", "print a JSON summary on stdout")
    .option("--quiet", "print nothing but errors")
    .addHelpText("after", syncHelp)
    .action(async (flags: SyncFlags, command: Command) => {
      const config = loadConfig(io.env, {
        workspace: flags.workspace,
        credentialStore: flags.credentialStore,
        requestBudget: parseCount("--max-requests", flags.maxRequests),
        lookbackDays: parseCount("--lookback-days", flags.lookbackDays),
        steps: flags.steps,
      });
      const progress = createProgress(io, { quiet: flags.quiet === true || flags.json === true });
      // HTTPS_PROXY / NO_PROXY apply to the upload to Corvana too (DESIGN §7).
      const http = createHttpDispatcher(io.env);
      try {
        const log = loggerFor(command, io);
        const result = await runSync(config, {
          full: flags.full === true,
          report: progress.report,
          upload: flags.upload,
          dispatcher: http.dispatcher,
          reportUpload: (event) => {
            if (!flags.quiet && !flags.json) log.info(describeUploadEvent(event));
          },
        });
        progress.stop();
        if (flags.json) io.stdout.write(`${JSON.stringify({ ...result, upload: uploadSummaryJson(result.upload) })}\n`);
        else if (!flags.quiet) io.stdout.write(`${renderSyncResult(result)}${renderUploadSummary(result.upload)}`);
        // The crawl's summary is out; an upload that failed still decides the exit code (pending bundles wait).
        if (result.upload.status === "uploaded" && result.upload.failure !== undefined) throw result.upload.failure;
      } catch (error) {
        progress.stop();
        throw error;
      } finally {
        await http.close();
      }
    });
}

// What a sync reads and what it costs in requests (Bitbucket allows about 1,000 an hour): docs/crawl.md.
const syncHelp = `
What is read, per repository (metadata only: docs/data-collected.md), and the
requests it costs (Bitbucket allows about 1,000 an hour; docs/crawl.md):
  pull requests          1 per 50 changed pull requests
  activity               first sync: the repository-wide feed, 1 per 50
                         entries; then 1 per changed pull request
  pipelines              1 per 100 new ones, 1 per run still going
  pipeline steps         off by default (--steps new|all): 1 per pipeline at
                         least, at most maxStepRequestsPerRun (200) a run
  deployments            when pipelines changed: 1 + 1 per 50 deployments
  branching model        when the repository moved, or daily:
    and branches         1 + 1 per 100 branches
  main-branch commits    when the repository moved: 1 per 100 new commits
An unchanged repository costs one or two requests. The hourly budget
(hourlyRequestBudget, default 900) is shared by every run of the credential:
a run that spends it stops with exit code 5; the next one continues.
`;

function parseCount(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive whole number, got "${value}".`);
  return n;
}
