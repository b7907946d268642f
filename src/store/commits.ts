/** Main-branch commits: hash, date, author key and whether it merges; never a message or an author string. */
import type { CommitRow } from "./crawl-rows.ts";
import type { Db } from "./open-database.ts";
import { upsertSql } from "./upsert-sql.ts";

/** Prepared statements for commits. */
export function createCommitTable(db: Db) {
  const upsert = db.prepare(upsertSql("commits", ["repo_uuid", "hash"], ["committed_on", "author_key", "is_merge"]));
  const has = db.prepare("SELECT 1 FROM commits WHERE repo_uuid = ? AND hash = ?");

  return {
    /** Inserts or updates a commit; returns 1 when the row changed. */
    upsert(row: CommitRow, run: number): number {
      return upsert.run({
        repo_uuid: row.repoUuid,
        hash: row.hash,
        committed_on: row.committedOn,
        author_key: row.authorKey,
        is_merge: row.isMerge ? 1 : 0,
        run,
      }).changes;
    },
    /** Whether a commit of a repository is stored. */
    has(repoUuid: string, hash: string): boolean {
      return has.get(repoUuid, hash) !== undefined;
    },
  };
}
