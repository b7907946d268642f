/**
 * Pipelines and their steps. Upserts change nothing when nothing changed; the step bookkeeping
 * (pipeline_step_sync) records which pipelines' steps were read, so the opt-in step crawl never reads a
 * pipeline's steps twice and resumes where a run stopped.
 */
import type { PipelineRow, PipelineStepRow } from "./crawl-rows.ts";
import type { Db } from "./open-database.ts";
import { upsertSql } from "./upsert-sql.ts";

const pipelineColumns = [
  "repo_uuid",
  "build_number",
  "state",
  "stage",
  "result",
  "created_on",
  "completed_on",
  "duration_seconds",
  "build_seconds_used",
  "trigger",
  "target_type",
  "ref_type",
  "target_branch_category",
  "target_branch_key",
  "selector_type",
  "pr_id",
  "commit_hash",
  "creator_key",
] as const;

const stepColumns = [
  "repo_uuid",
  "pipeline_uuid",
  "state",
  "result",
  "started_on",
  "completed_on",
  "duration_seconds",
  "build_seconds_used",
] as const;

/** Which pipelines' steps to read: completed, not read yet, created at or after `since` and after `after`. */
export interface PendingStepsQuery {
  since: string | null;
  after: string | null;
  limit: number;
}

/** Prepared statements for pipelines, pipeline_steps and pipeline_step_sync. */
export function createPipelineTable(db: Db) {
  const upsertPipeline = db.prepare(upsertSql("pipelines", ["uuid"], pipelineColumns));
  const upsertStep = db.prepare(upsertSql("pipeline_steps", ["uuid"], stepColumns));
  const unfinished = db.prepare(`
    SELECT uuid FROM pipelines
    WHERE repo_uuid = @repo AND state <> 'COMPLETED' AND (@since IS NULL OR created_on >= @since)
    ORDER BY created_on DESC`);
  const createdOn = db.prepare("SELECT created_on FROM pipelines WHERE uuid = ?");
  const newest = db.prepare("SELECT MAX(created_on) AS newest FROM pipelines WHERE repo_uuid = ?");
  const count = db.prepare(
    "SELECT COUNT(*) AS n FROM pipelines WHERE repo_uuid = @repo AND (@since IS NULL OR created_on >= @since)",
  );
  const pendingSteps = db.prepare(`
    SELECT p.uuid FROM pipelines p LEFT JOIN pipeline_step_sync s ON s.pipeline_uuid = p.uuid
    WHERE p.repo_uuid = @repo AND p.state = 'COMPLETED' AND s.pipeline_uuid IS NULL
      AND (@since IS NULL OR p.created_on >= @since) AND (@after IS NULL OR p.created_on > @after)
    ORDER BY p.created_on DESC LIMIT @limit`);
  const markSteps = db.prepare(
    "INSERT INTO pipeline_step_sync (pipeline_uuid, synced_on) VALUES (?, ?) ON CONFLICT DO NOTHING",
  );

  return {
    /** Inserts or updates a pipeline; returns 1 when the row changed. */
    upsert(row: PipelineRow, run: number): number {
      return upsertPipeline.run({
        uuid: row.uuid,
        repo_uuid: row.repoUuid,
        build_number: row.buildNumber,
        state: row.state,
        stage: row.stage,
        result: row.result,
        created_on: row.createdOn,
        completed_on: row.completedOn,
        duration_seconds: row.durationSeconds,
        build_seconds_used: row.buildSecondsUsed,
        trigger: row.trigger,
        target_type: row.targetType,
        ref_type: row.refType,
        target_branch_category: row.targetBranchCategory,
        target_branch_key: row.targetBranchKey,
        selector_type: row.selectorType,
        pr_id: row.prId,
        commit_hash: row.commit,
        creator_key: row.creatorKey,
        run,
      }).changes;
    },
    /** Stored pipelines of a repository that had not completed when last read, newest first. */
    unfinished(repoUuid: string, since: string | null): string[] {
      return (unfinished.all({ repo: repoUuid, since }) as { uuid: string }[]).map((r) => r.uuid);
    },
    /** The created_on of a stored pipeline, or undefined. */
    createdOn(uuid: string): string | undefined {
      return (createdOn.get(uuid) as { created_on: string } | undefined)?.created_on;
    },
    /** The newest created_on of a repository's stored pipelines. */
    newestCreatedOn(repoUuid: string): string | null {
      return (newest.get(repoUuid) as { newest: string | null }).newest;
    },
    /** How many pipelines of a repository are stored (only those created at or after `since`, when given). */
    count(repoUuid: string, since: string | null = null): number {
      return (count.get({ repo: repoUuid, since }) as { n: number }).n;
    },
    /** Inserts or updates a step; returns 1 when the row changed. */
    upsertStep(row: PipelineStepRow, run: number): number {
      return upsertStep.run({
        uuid: row.uuid,
        repo_uuid: row.repoUuid,
        pipeline_uuid: row.pipelineUuid,
        state: row.state,
        result: row.result,
        started_on: row.startedOn,
        completed_on: row.completedOn,
        duration_seconds: row.durationSeconds,
        build_seconds_used: row.buildSecondsUsed,
        run,
      }).changes;
    },
    /** Completed pipelines of a repository whose steps were never read, newest first. */
    pendingSteps(repoUuid: string, query: PendingStepsQuery): string[] {
      return (pendingSteps.all({ repo: repoUuid, ...query }) as { uuid: string }[]).map((r) => r.uuid);
    },
    /** Records that a pipeline's steps were read (bookkeeping: no changed_in_run). */
    markStepsSynced(pipelineUuid: string, at: string): void {
      markSteps.run(pipelineUuid, at);
    },
  };
}
