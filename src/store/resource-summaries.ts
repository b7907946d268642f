/** Read model for `status`: per-repository counts of the resources beyond pull requests. */
import type { PipelinesFlag } from "./crawl-rows.ts";
import type { Db } from "./open-database.ts";

/** What the cache holds for one repository besides its pull requests. */
export interface RepositoryResourceSummary {
  slug: string;
  prEvents: number;
  /** yes, no (403/404: Pipelines not enabled) or unknown (not checked yet). */
  pipelinesAvailable: PipelinesFlag;
  pipelines: number;
  pipelineSteps: number;
  environments: number;
  deployments: number;
  commits: number;
  branches: number;
  staleBranches: number;
}

/** Prepared queries for the resource summaries. */
export function createResourceSummaries(db: Db) {
  const summaries = db.prepare(`
    SELECT r.slug AS slug,
      (SELECT COUNT(*) FROM pr_events x WHERE x.repo_uuid = r.uuid) AS pr_events,
      COALESCE((SELECT pipelines FROM repository_flags x WHERE x.repo_uuid = r.uuid), 'unknown') AS pipelines_available,
      (SELECT COUNT(*) FROM pipelines x WHERE x.repo_uuid = r.uuid) AS pipelines,
      (SELECT COUNT(*) FROM pipeline_steps x WHERE x.repo_uuid = r.uuid) AS pipeline_steps,
      (SELECT COUNT(*) FROM environments x WHERE x.repo_uuid = r.uuid) AS environments,
      (SELECT COUNT(*) FROM deployments x WHERE x.repo_uuid = r.uuid) AS deployments,
      (SELECT COUNT(*) FROM commits x WHERE x.repo_uuid = r.uuid) AS commits,
      (SELECT COALESCE(SUM(branches), 0) FROM branch_stats x WHERE x.repo_uuid = r.uuid) AS branches,
      (SELECT COALESCE(SUM(stale), 0) FROM branch_stats x WHERE x.repo_uuid = r.uuid) AS stale_branches
    FROM repositories r WHERE r.workspace = ? ORDER BY r.slug`);

  return {
    /** Resource counts per repository of a workspace, by slug. */
    resourceSummaries(workspace: string): RepositoryResourceSummary[] {
      return (summaries.all(workspace) as Record<string, unknown>[]).map((r) => ({
        slug: r.slug as string,
        prEvents: r.pr_events as number,
        pipelinesAvailable: r.pipelines_available as PipelinesFlag,
        pipelines: r.pipelines as number,
        pipelineSteps: r.pipeline_steps as number,
        environments: r.environments as number,
        deployments: r.deployments as number,
        commits: r.commits as number,
        branches: r.branches as number,
        staleBranches: r.stale_branches as number,
      }));
    },
  };
}
