/**
 * Writes pull requests and their participants. Upserts compare every column first, so re-reading an
 * unchanged pull request changes nothing (incremental syncs must be idempotent: DESIGN §4).
 */
import type { Db } from "./open-database.ts";
import type { PullRequestRow } from "./rows.ts";
import { upsertSql } from "./upsert-sql.ts";

const prColumns = [
  "state",
  "draft",
  "created_on",
  "updated_on",
  "author_key",
  "closed_by_key",
  "source_branch_category",
  "source_branch_key",
  "destination_branch_category",
  "destination_branch_key",
  "merge_commit",
  "comment_count",
  "task_count",
] as const;

const participantColumns = ["role", "approved", "state", "participated_on"] as const;

/** Prepared statements for pull requests and participants. */
export function createPullRequestTable(db: Db) {
  const upsertPr = db.prepare(upsertSql("pull_requests", ["repo_uuid", "id"], prColumns));
  const upsertParticipant = db.prepare(
    upsertSql("pr_participants", ["repo_uuid", "pr_id", "person_key"], participantColumns),
  );
  const deleteStale = db.prepare(`
    DELETE FROM pr_participants
    WHERE repo_uuid = ? AND pr_id = ? AND person_key NOT IN (SELECT value FROM json_each(?))`);
  const countSince = db.prepare(
    "SELECT COUNT(*) AS n FROM pull_requests WHERE repo_uuid = @repo AND (@since IS NULL OR updated_on > @since)",
  );

  return {
    /** Inserts or updates a pull request and replaces its participant set; returns the number of rows changed. */
    upsert(row: PullRequestRow, run: number): number {
      let changes = upsertPr.run({
        repo_uuid: row.repoUuid,
        id: row.id,
        state: row.state,
        draft: row.draft ? 1 : 0,
        created_on: row.createdOn,
        updated_on: row.updatedOn,
        author_key: row.authorKey,
        closed_by_key: row.closedByKey,
        source_branch_category: row.sourceBranchCategory,
        source_branch_key: row.sourceBranchKey,
        destination_branch_category: row.destinationBranchCategory,
        destination_branch_key: row.destinationBranchKey,
        merge_commit: row.mergeCommit,
        comment_count: row.commentCount,
        task_count: row.taskCount,
        run,
      }).changes;
      for (const p of row.participants) {
        changes += upsertParticipant.run({
          repo_uuid: row.repoUuid,
          pr_id: row.id,
          person_key: p.personKey,
          role: p.role,
          approved: p.approved ? 1 : 0,
          state: p.state,
          participated_on: p.participatedOn,
          run,
        }).changes;
      }
      const keep = JSON.stringify(row.participants.map((p) => p.personKey));
      changes += deleteStale.run(row.repoUuid, row.id, keep).changes;
      return changes;
    },
    /** How many pull requests of a repository are stored (only those updated after `since`, when given). */
    countUpdatedSince(repoUuid: string, since: string | null): number {
      return (countSince.get({ repo: repoUuid, since }) as { n: number }).n;
    },
  };
}
