/** Renders `status` as tables for people and as JSON for scripts. */
import Table from "cli-table3";
import type { Status } from "../../status/read-status.ts";
import { formatCount, formatDuration, formatTime } from "./format.ts";

const tableStyle = (): { head: string[]; border: string[] } => ({ head: [], border: [] });

/** The human view; fits an 80-column terminal. */
export function renderStatus(status: Status, colour: boolean): string {
  const mark = (ok: boolean) =>
    colour ? (ok ? "\u001b[32m●\u001b[0m" : "\u001b[31m●\u001b[0m") : ok ? "[ok]" : "[!!]";
  const lines: string[] = [];
  const last = status.runs[0];
  const healthy = last !== undefined && last.outcome === "success";
  lines.push(`${mark(healthy)} Workspace ${status.workspace}`);
  lines.push(`  Cache: ${status.cacheExists ? status.databaseFile : "none yet (run `corvana-bb sync`)"}`);
  lines.push(
    `  Cached: ${formatCount(status.totals.repositories)} repositories, ${formatCount(status.totals.pullRequests)} pull requests, ${formatCount(status.totals.participants)} reviewer/participant records`,
  );
  lines.push("");

  if (status.runs.length > 0) {
    const runs = new Table({ head: ["Sync started", "Took", "Requests", "Records", "Outcome"], style: tableStyle() });
    for (const run of status.runs) {
      const took =
        run.finishedAt === null ? "—" : formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
      runs.push([formatTime(run.startedAt), took, formatCount(run.requests), formatCount(run.records), run.outcome]);
    }
    lines.push("Recent syncs", runs.toString(), "");
  }

  if (status.repositories.length > 0) {
    const repos = new Table({
      head: ["Repository", "Open", "Merged", "Declined", "Supers.", "Reviews", "Last activity"],
      style: tableStyle(),
    });
    for (const r of status.repositories) {
      repos.push([
        r.slug.length > 24 ? `${r.slug.slice(0, 23)}…` : r.slug,
        formatCount(r.pullRequests.OPEN),
        formatCount(r.pullRequests.MERGED),
        formatCount(r.pullRequests.DECLINED),
        formatCount(r.pullRequests.SUPERSEDED),
        formatCount(r.participants),
        r.lastActivity === null ? "—" : r.lastActivity.slice(0, 10),
      ]);
    }
    lines.push("Pull requests by repository", repos.toString());
  }
  return `${lines.join("\n")}\n`;
}

/** The machine view (`--json`): stable keys, ISO timestamps. */
export function renderStatusJson(status: Status): string {
  return `${JSON.stringify(status, null, 2)}\n`;
}
