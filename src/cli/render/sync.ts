/** Renders the summary of a finished sync. */
import type { SyncResult } from "../../crawl/sync-workspace.ts";
import { formatCount, formatDuration } from "./format.ts";

/** One short paragraph: what was crawled, what changed, what it cost. */
export function renderSyncResult(result: SyncResult): string {
  return (
    `Synced workspace ${result.workspace}: ${formatCount(result.repositories)} repositories, ` +
    `${formatCount(result.recordsChanged)} records changed, ${formatCount(result.requests)} API requests ` +
    `in ${formatDuration(result.durationMs)}.\nRun \`corvana-bb status\` for the details.\n`
  );
}
