/**
 * Live progress of a sync: an ora spinner with running counts per resource on a terminal, one plain line
 * per repository otherwise (cron mails and journald read those), nothing with --quiet.
 */
import ora from "ora";
import type { ResourceCounts } from "../../crawl/crawl-context.ts";
import type { SyncEvent } from "../../crawl/progress.ts";
import type { CliIo } from "../io.ts";
import { formatCount } from "./format.ts";

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
        const text = describeLive(event);
        if (text !== undefined) spinner.text = text;
      },
      stop: () => spinner.stop(),
    };
  }
  return {
    report: (event) => {
      const line = describeStep(event);
      if (line !== undefined) io.stderr.write(`${new Date().toISOString()} ${line}\n`);
    },
    stop: () => {},
  };
}

/** Short names, so the spinner line fits a terminal. */
const shortNames: Record<keyof ResourceCounts, string> = {
  repositories: "repos",
  pullRequests: "PRs",
  prActivity: "activity",
  pipelines: "pipelines",
  pipelineSteps: "steps",
  environments: "envs",
  deployments: "deploys",
  branches: "branches",
  commits: "commits",
};

/** Long names for log lines. */
const longNames: Record<keyof ResourceCounts, string> = {
  repositories: "repositories",
  pullRequests: "pull requests",
  prActivity: "activity entries",
  pipelines: "pipelines",
  pipelineSteps: "pipeline steps",
  environments: "environments",
  deployments: "deployments",
  branches: "branches",
  commits: "commits",
};

/** "12 PRs · 40 activity …": the non-zero counts, repositories left out (shown as done/total). */
export function describeCounts(counts: ResourceCounts, names: Record<keyof ResourceCounts, string>): string {
  const parts = (Object.keys(names) as (keyof ResourceCounts)[])
    .filter((key) => key !== "repositories" && counts[key] > 0)
    .map((key) => `${formatCount(counts[key])} ${names[key]}`);
  return parts.length === 0 ? "nothing new" : parts.join(", ");
}

function describeLive(event: SyncEvent): string | undefined {
  switch (event.type) {
    case "repositories":
      return `found ${event.count} repositories`;
    case "progress":
      return `${event.done}/${event.total} repos · ${describeCounts(event.fetched, shortNames)} · ${formatCount(event.requests)} requests`;
    default:
      return undefined;
  }
}

function describeStep(event: SyncEvent): string | undefined {
  switch (event.type) {
    case "repositories":
      return `found ${event.count} repositories${event.excluded > 0 ? ` (${event.excluded} left out by includeRepositories/excludeRepositories)` : ""}`;
    case "repository-done":
      return `repositories ${event.done}/${event.total}: ${event.slug}: ${describeCounts(event.fetched, longNames)} (${formatCount(event.changed)} records changed)`;
    case "pipelines-unavailable":
      return `${event.slug}: no Pipelines (Bitbucket answered 403/404); checked again in a week or with --full`;
    case "progress":
      return undefined;
  }
}
