/**
 * Per-repository facts the crawl learns along the way: whether Pipelines is enabled (a 403/404 means no,
 * which is not an error: api-notes §9.13) and when that was last found out.
 */
import type { PipelinesFlag } from "./crawl-rows.ts";
import type { Db } from "./open-database.ts";

/** The Pipelines flag of a repository. */
export interface PipelinesStatus {
  pipelines: PipelinesFlag;
  checkedOn: string | null;
}

/** Prepared statements for repository_flags. */
export function createRepositoryFlagTable(db: Db) {
  const get = db.prepare("SELECT pipelines, pipelines_checked_on FROM repository_flags WHERE repo_uuid = ?");
  // "yes" is re-confirmed by every run and is only written when it is news; a "no" records each recheck.
  const set = db.prepare(`
    INSERT INTO repository_flags (repo_uuid, pipelines, pipelines_checked_on, changed_in_run)
    VALUES (@repo, @pipelines, @at, @run)
    ON CONFLICT (repo_uuid) DO UPDATE SET pipelines = excluded.pipelines,
      pipelines_checked_on = excluded.pipelines_checked_on, changed_in_run = excluded.changed_in_run
    WHERE repository_flags.pipelines IS NOT excluded.pipelines
       OR (excluded.pipelines = 'no' AND repository_flags.pipelines_checked_on IS NOT excluded.pipelines_checked_on)`);

  return {
    /** The Pipelines flag of a repository ("unknown" before the first check). */
    pipelines(repoUuid: string): PipelinesStatus {
      const row = get.get(repoUuid) as { pipelines: PipelinesFlag; pipelines_checked_on: string | null } | undefined;
      return { pipelines: row?.pipelines ?? "unknown", checkedOn: row?.pipelines_checked_on ?? null };
    },
    /** Records the outcome of a Pipelines check; returns 1 when the row changed. */
    setPipelines(repoUuid: string, pipelines: Exclude<PipelinesFlag, "unknown">, at: string, run: number): number {
      return set.run({ repo: repoUuid, pipelines, at, run }).changes;
    },
  };
}
