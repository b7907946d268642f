/**
 * The cache as one object: tables, read models and transactions, over one better-sqlite3 handle.
 * Callers never see SQL or the driver.
 */
import { createBranchSnapshotTable } from "./branch-snapshots.ts";
import { createBundleLog } from "./bundle-log.ts";
import { createChangedRows } from "./changed-rows.ts";
import { createCommitTable } from "./commits.ts";
import { createCursorTable } from "./cursors.ts";
import { createDeploymentTable } from "./deployments.ts";
import { type Db, openDatabase, openMemoryDatabase } from "./open-database.ts";
import { createPipelineTable } from "./pipelines.ts";
import { createPullRequestEventTable } from "./pr-events.ts";
import { createPullRequestTable } from "./pull-requests.ts";
import { createReadModels } from "./read-models.ts";
import { createRepositoryTable } from "./repositories.ts";
import { createRepositoryFlagTable } from "./repository-flags.ts";
import { createRequestLedger } from "./request-ledger.ts";
import { createResourceSummaries } from "./resource-summaries.ts";
import { createSyncRunTable } from "./sync-runs.ts";

/** The local cache. */
export type Store = ReturnType<typeof createStore>;

/** Opens the cache file (creating it with private modes and the current schema). */
export function openStore(file: string): Store {
  return createStore(openDatabase(file));
}

/** An in-memory cache for unit tests. */
export function openMemoryStore(): Store {
  return createStore(openMemoryDatabase());
}

function createStore(db: Db) {
  return {
    repositories: createRepositoryTable(db),
    pullRequests: createPullRequestTable(db),
    prEvents: createPullRequestEventTable(db),
    pipelines: createPipelineTable(db),
    deployments: createDeploymentTable(db),
    branches: createBranchSnapshotTable(db),
    commits: createCommitTable(db),
    flags: createRepositoryFlagTable(db),
    requestLedger: createRequestLedger(db),
    resources: createResourceSummaries(db),
    cursors: createCursorTable(db),
    runs: createSyncRunTable(db),
    read: createReadModels(db),
    bundles: createBundleLog(db),
    changes: createChangedRows(db),
    /** Runs `fn` in one transaction: a page and its cursor commit together or not at all. */
    transaction<T>(fn: () => T): T {
      return db.transaction(fn)();
    },
    /** Checkpoints the WAL into the main file and closes the handle. */
    close(): void {
      if (!db.open) return;
      db.pragma("wal_checkpoint(TRUNCATE)");
      db.close();
    },
  };
}
