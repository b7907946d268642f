/**
 * Pull request events, the pull request columns derived from them, and the bookkeeping of which pull
 * requests' activity is up to date. Events have no id at Bitbucket; the unique index on (repository, pull
 * request, kind, time, actor) makes an entry read twice (an overlap, a resumed walk) one row.
 */
import type { PullRequestEventRow } from "./crawl-rows.ts";
import type { Db } from "./open-database.ts";

/** A stored pull request as the activity crawl needs it. */
export interface PullRequestTimes {
  id: number;
  createdOn: string;
  updatedOn: string;
}

/** The pull request times derived from its events. */
export interface DerivedTimes {
  mergedOn: string | null;
  declinedOn: string | null;
  firstReviewOn: string | null;
  firstApprovalOn: string | null;
}

/** Prepared statements for pr_events, the derived pull request columns and pr_activity_sync. */
export function createPullRequestEventTable(db: Db) {
  const insert = db.prepare(`
    INSERT OR IGNORE INTO pr_events (repo_uuid, pr_id, kind, occurred_on, actor_key, state, changed_in_run)
    VALUES (@repoUuid, @prId, @kind, @occurredOn, @actorKey, @state, @run)`);
  // The first review is the first approval, changes request or comment by someone other than the author.
  const derive = db.prepare(`
    WITH e AS (SELECT kind, occurred_on, actor_key, state FROM pr_events WHERE repo_uuid = @repo AND pr_id = @id),
         p AS (SELECT author_key FROM pull_requests WHERE repo_uuid = @repo AND id = @id)
    SELECT
      (SELECT MIN(occurred_on) FROM e WHERE kind = 'state_change' AND state = 'MERGED') AS merged_on,
      (SELECT MIN(occurred_on) FROM e WHERE kind = 'state_change' AND state = 'DECLINED') AS declined_on,
      (SELECT MIN(occurred_on) FROM e, p
        WHERE kind IN ('approval', 'changes_requested', 'comment') AND e.actor_key IS NOT p.author_key) AS first_review_on,
      (SELECT MIN(occurred_on) FROM e, p WHERE kind = 'approval' AND e.actor_key IS NOT p.author_key) AS first_approval_on`);
  const setDerived = db.prepare(`
    UPDATE pull_requests
    SET merged_on = @merged_on, declined_on = @declined_on, first_review_on = @first_review_on,
        first_approval_on = @first_approval_on, changed_in_run = @run
    WHERE repo_uuid = @repo AND id = @id
      AND (merged_on, declined_on, first_review_on, first_approval_on)
          IS NOT (@merged_on, @declined_on, @first_review_on, @first_approval_on)`);
  const times = db.prepare("SELECT id, created_on, updated_on FROM pull_requests WHERE repo_uuid = ?");
  const pending = db.prepare(`
    SELECT p.id, p.created_on, p.updated_on FROM pull_requests p
    LEFT JOIN pr_activity_sync s ON s.repo_uuid = p.repo_uuid AND s.pr_id = p.id
    WHERE p.repo_uuid = ? AND s.synced_updated_on IS NOT p.updated_on
    ORDER BY p.id`);
  const markSynced = db.prepare(`
    INSERT INTO pr_activity_sync (repo_uuid, pr_id, synced_updated_on)
    SELECT repo_uuid, id, updated_on FROM pull_requests WHERE repo_uuid = @repo AND (@id IS NULL OR id = @id)
    ON CONFLICT (repo_uuid, pr_id) DO UPDATE SET synced_updated_on = excluded.synced_updated_on
    WHERE synced_updated_on IS NOT excluded.synced_updated_on`);
  const countByRepo = db.prepare("SELECT COUNT(*) AS n FROM pr_events WHERE repo_uuid = ?");
  const derived = db.prepare(`
    SELECT merged_on, declined_on, first_review_on, first_approval_on FROM pull_requests
    WHERE repo_uuid = ? AND id = ?`);

  const toTimes = (r: Record<string, unknown>): PullRequestTimes => ({
    id: r.id as number,
    createdOn: r.created_on as string,
    updatedOn: r.updated_on as string,
  });

  return {
    /** Stores an event unless it is already there; returns 1 when it was new. */
    insert(row: PullRequestEventRow, run: number): number {
      return insert.run({ ...row, run }).changes;
    },
    /** Recomputes merged_on, declined_on, first_review_on and first_approval_on from the stored events. */
    updateDerived(repoUuid: string, prId: number, run: number): number {
      const values = derive.get({ repo: repoUuid, id: prId }) as Record<string, string | null>;
      return setDerived.run({ ...values, repo: repoUuid, id: prId, run }).changes;
    },
    /** Every stored pull request of a repository with its creation and update times. */
    pullRequestTimes(repoUuid: string): PullRequestTimes[] {
      return (times.all(repoUuid) as Record<string, unknown>[]).map(toTimes);
    },
    /** Pull requests whose activity was not read since their updated_on last moved, by id. */
    pendingActivity(repoUuid: string): PullRequestTimes[] {
      return (pending.all(repoUuid) as Record<string, unknown>[]).map(toTimes);
    },
    /** Records that a pull request's activity (or, without `prId`, every one of the repository's) is current. */
    markActivitySynced(repoUuid: string, prId?: number): void {
      markSynced.run({ repo: repoUuid, id: prId ?? null });
    },
    /** The derived times of a pull request, as stored (undefined when there is no such pull request). */
    derivedTimes(repoUuid: string, prId: number): DerivedTimes | undefined {
      const r = derived.get(repoUuid, prId) as Record<string, string | null> | undefined;
      if (r === undefined) return undefined;
      return {
        mergedOn: r.merged_on ?? null,
        declinedOn: r.declined_on ?? null,
        firstReviewOn: r.first_review_on ?? null,
        firstApprovalOn: r.first_approval_on ?? null,
      };
    },
    /** How many events a repository has (status, tests). */
    count(repoUuid: string): number {
      return (countByRepo.get(repoUuid) as { n: number }).n;
    },
  };
}
