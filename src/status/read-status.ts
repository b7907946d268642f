/**
 * The `status` use case: what the cache holds and how recent syncs went. Reads local files only — no
 * network — so it answers fast and works offline.
 */
import fs from "node:fs";
import type { Config } from "../config/load-config.ts";
import { UsageError } from "../errors.ts";
import type { RepositorySummary } from "../store/read-models.ts";
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
  totals: { repositories: number; pullRequests: number; participants: number };
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
  const empty = { pullRequests: 0, participants: 0 };
  if (!fs.existsSync(databaseFile)) {
    return {
      workspace,
      databaseFile,
      cacheExists: false,
      runs: [],
      repositories: [],
      totals: { repositories: 0, ...empty },
    };
  }
  const store = openStore(databaseFile);
  try {
    const repositories = store.read.repositorySummaries(workspace);
    return {
      workspace,
      databaseFile,
      cacheExists: true,
      runs: store.runs.recent(workspace, options.runs ?? 5),
      repositories,
      totals: {
        repositories: repositories.length,
        pullRequests: repositories.reduce((n, r) => n + r.pullRequests.total, 0),
        participants: repositories.reduce((n, r) => n + r.participants, 0),
      },
    };
  } finally {
    store.close();
  }
}
