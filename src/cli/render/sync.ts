/** Renders the summary of a finished sync. */
import type { SyncResult } from "../../crawl/sync-workspace.ts";
import { formatCount, formatDuration } from "./format.ts";

/** One short paragraph: what was crawled, what changed, what it cost. */
export function renderSyncResult(result: SyncResult): string {
  const f = result.fetched;
  const lines = [
    `Synced workspace ${result.workspace}: ${formatCount(result.repositories)} repositories, ` +
      `${formatCount(result.recordsChanged)} records changed, ${formatCount(result.requests)} API requests ` +
      `in ${formatDuration(result.durationMs)}.`,
    `Fetched: ${formatCount(f.pullRequests)} pull requests, ${formatCount(f.prActivity)} activity entries, ` +
      `${formatCount(f.pipelines)} pipelines, ${formatCount(f.pipelineSteps)} steps, ${formatCount(f.deployments)} deployments, ` +
      `${formatCount(f.branches)} branches, ${formatCount(f.commits)} commits.`,
  ];
  if (result.withoutPipelines > 0) {
    lines.push(
      `${formatCount(result.withoutPipelines)} repositories have no Pipelines (403/404); checked again in a week.`,
    );
  }
  lines.push("Run `corvana-bb status` for the details.");
  return `${lines.join("\n")}\n`;
}
