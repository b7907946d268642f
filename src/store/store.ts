/**
 * The cache as one object: tables, read models and transactions, over one better-sqlite3 handle.
 * Callers never see SQL or the driver.
 */
import { createCursorTable } from "./cursors.ts";
import { type Db, openDatabase, openMemoryDatabase } from "./open-database.ts";
import { createPullRequestTable } from "./pull-requests.ts";
import { createReadModels } from "./read-models.ts";
import { createRepositoryTable } from "./repositories.ts";
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
    cursors: createCursorTable(db),
    runs: createSyncRunTable(db),
    read: createReadModels(db),
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
