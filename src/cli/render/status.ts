/** Renders the cache part of `status` as tables for people (`--json` is assembled by the status command). */
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
  const t = status.totals;
  lines.push(
    `  Cached: ${formatCount(t.repositories)} repositories, ${formatCount(t.pullRequests)} pull requests, ${formatCount(t.participants)} reviews,`,
    `          ${formatCount(t.prEvents)} PR events, ${formatCount(t.pipelines)} pipelines, ${formatCount(t.pipelineSteps)} steps, ${formatCount(t.deployments)} deployments,`,
    `          ${formatCount(t.commits)} main-branch commits, ${formatCount(t.branches)} branches`,
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
      head: ["Repository", "Open", "Merged", "Declined", "Supers.", "Reviews", "Updated"],
      style: tableStyle(),
    });
    for (const r of status.repositories) {
      repos.push([
        shortSlug(r.slug),
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
  if (status.resources.length > 0) lines.push("", ...renderResources(status));
  return `${lines.join("\n")}\n`;
}

// 16 characters keep both tables within 80 columns at realistic counts.
function shortSlug(slug: string): string {
  return slug.length > 16 ? `${slug.slice(0, 15)}…` : slug;
}

/** The second table: events, pipelines, steps, deployments, commits and branches per repository. */
function renderResources(status: Status): string[] {
  const table = new Table({
    head: ["Repository", "Events", "Pipelines", "Steps", "Deploys", "Commits", "Branches"],
    style: tableStyle(),
  });
  for (const r of status.resources) {
    const pipelines = r.pipelinesAvailable === "no" ? "off" : formatCount(r.pipelines);
    table.push([
      shortSlug(r.slug),
      formatCount(r.prEvents),
      pipelines,
      formatCount(r.pipelineSteps),
      formatCount(r.deployments),
      formatCount(r.commits),
      `${formatCount(r.branches)} (${formatCount(r.staleBranches)})`,
    ]);
  }
  return [
    "Activity, pipelines and branches by repository",
    table.toString(),
    'Pipelines "off": not enabled (HTTP 403/404). Branches: all (stale ones).',
  ];
}
