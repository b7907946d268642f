/**
 * The `status` use case: what the cache holds and how recent syncs went. Reads local files only — no
 * network — so it answers fast and works offline.
 */
import fs from "node:fs";
import type { Config } from "../config/load-config.ts";
import { UsageError } from "../errors.ts";
import type { RepositorySummary } from "../store/read-models.ts";
import type { RepositoryResourceSummary } from "../store/resource-summaries.ts";
import type { SyncRunRow } from "../store/rows.ts";
import { openStore } from "../store/store.ts";

/** Everything `status` shows. */
export interface Status {
  workspace: string;
  databaseFile: string;
  /** False when no sync has created the cache yet. */
  cacheExists: boolean;
  runs: SyncRunRow[];
  repositories: RepositorySummary[];
  /** Per repository: events, pipelines, steps, deployments, commits, branches (and whether Pipelines is on). */
  resources: RepositoryResourceSummary[];
  totals: StatusTotals;
  /** The newest bundle Corvana accepted, from the local bundle log (no network). */
  lastAcceptedBundle: { bundleId: string; acceptedAt: string } | null;
}

/** Workspace-wide counts of what the cache holds. */
export interface StatusTotals {
  repositories: number;
  pullRequests: number;
  participants: number;
  prEvents: number;
  pipelines: number;
  pipelineSteps: number;
  deployments: number;
  commits: number;
  branches: number;
}

/** Reads the status of the configured workspace from the cache. */
export function readStatus(config: Config, options: { runs?: number } = {}): Status {
  const workspace = config.workspace;
  if (workspace === undefined) {
    throw new UsageError("No workspace is configured.", {
      hint: 'Pass --workspace <slug>, set CORVANA_BB_WORKSPACE, or add "workspace" to config.json.',
    });
  }
  const databaseFile = config.paths.databaseFile;
  if (!fs.existsSync(databaseFile)) {
    return {
      workspace,
      databaseFile,
      cacheExists: false,
      runs: [],
      repositories: [],
      resources: [],
      totals: sumTotals([], []),
      lastAcceptedBundle: null,
    };
  }
  const store = openStore(databaseFile);
  try {
    const repositories = store.read.repositorySummaries(workspace);
    const resources = store.resources.resourceSummaries(workspace);
    return {
      workspace,
      databaseFile,
      cacheExists: true,
      runs: store.runs.recent(workspace, options.runs ?? 5),
      repositories,
      resources,
      totals: sumTotals(repositories, resources),
      lastAcceptedBundle: store.bundles.totals().lastAccepted ?? null,
    };
  } finally {
    store.close();
  }
}

function sumTotals(repositories: RepositorySummary[], resources: RepositoryResourceSummary[]): StatusTotals {
  const sum = (pick: (r: RepositoryResourceSummary) => number) => resources.reduce((n, r) => n + pick(r), 0);
  return {
    repositories: repositories.length,
    pullRequests: repositories.reduce((n, r) => n + r.pullRequests.total, 0),
    participants: repositories.reduce((n, r) => n + r.participants, 0),
    prEvents: sum((r) => r.prEvents),
    pipelines: sum((r) => r.pipelines),
    pipelineSteps: sum((r) => r.pipelineSteps),
    deployments: sum((r) => r.deployments),
    commits: sum((r) => r.commits),
    branches: sum((r) => r.branches),
  };
}
