/**
 * Live progress of a sync: an ora spinner with counts on a terminal, one plain line per step otherwise
 * (cron mails and journald read those), nothing with --quiet.
 */
import ora from "ora";
import type { SyncEvent } from "../../crawl/progress.ts";
import type { CliIo } from "../io.ts";

/** A progress sink for a sync and a way to stop it. */
export interface Progress {
  report(event: SyncEvent): void;
  stop(): void;
}

/** Chooses the right progress display for the terminal. */
export function createProgress(io: CliIo, options: { quiet: boolean }): Progress {
  if (options.quiet) return { report: () => {}, stop: () => {} };
  if (io.stderr.isTTY === true) {
    const spinner = ora({ text: "Listing repositories…", stream: io.stderr }).start();
    return {
      report: (event) => {
        spinner.text = describe(event);
      },
      stop: () => spinner.stop(),
    };
  }
  return {
    report: (event) => {
      io.stderr.write(`${new Date().toISOString()} ${describe(event)}\n`);
    },
    stop: () => {},
  };
}

function describe(event: SyncEvent): string {
  switch (event.type) {
    case "repositories":
      return `found ${event.count} repositories`;
    case "repository-done":
      return `repositories ${event.done}/${event.total}: ${event.slug} (${event.pullRequests} records changed)`;
    case "repository-skipped":
      return `skipped ${event.slug}: ${event.reason}`;
  }
}
