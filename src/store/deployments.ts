/** Deployment environments (type and rank only) and deployments. Upserts change nothing when nothing changed. */
import type { DeploymentRow, EnvironmentRow } from "./crawl-rows.ts";
import type { Db } from "./open-database.ts";
import { upsertSql } from "./upsert-sql.ts";

const deploymentColumns = [
  "repo_uuid",
  "environment_uuid",
  "environment_type",
  "state",
  "status",
  "started_on",
  "completed_on",
  "pipeline_uuid",
  "commit_hash",
  "last_update_time",
] as const;

/** Prepared statements for environments and deployments. */
export function createDeploymentTable(db: Db) {
  const upsertEnvironment = db.prepare(upsertSql("environments", ["uuid"], ["repo_uuid", "type", "rank"]));
  const upsertDeployment = db.prepare(upsertSql("deployments", ["uuid"], deploymentColumns));
  const environmentType = db.prepare("SELECT type FROM environments WHERE uuid = ?");

  return {
    /** Inserts or updates an environment; returns 1 when the row changed. */
    upsertEnvironment(row: EnvironmentRow, run: number): number {
      return upsertEnvironment.run({ uuid: row.uuid, repo_uuid: row.repoUuid, type: row.type, rank: row.rank, run })
        .changes;
    },
    /** The type (Test, Staging, Production) of a stored environment, or null. */
    environmentType(uuid: string | null): string | null {
      if (uuid === null) return null;
      return (environmentType.get(uuid) as { type: string } | undefined)?.type ?? null;
    },
    /** Inserts or updates a deployment; returns 1 when the row changed. */
    upsert(row: DeploymentRow, run: number): number {
      return upsertDeployment.run({
        uuid: row.uuid,
        repo_uuid: row.repoUuid,
        environment_uuid: row.environmentUuid,
        environment_type: row.environmentType,
        state: row.state,
        status: row.status,
        started_on: row.startedOn,
        completed_on: row.completedOn,
        pipeline_uuid: row.pipelineUuid,
        commit_hash: row.commit,
        last_update_time: row.lastUpdateTime,
        run,
      }).changes;
    },
  };
}
