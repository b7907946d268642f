/** Read-only queries for `status` and tests. */
import type { Db } from "./open-database.ts";

/** Per-repository counts shown by `status`. */
export interface RepositorySummary {
  slug: string;
  pullRequests: { OPEN: number; MERGED: number; DECLINED: number; SUPERSEDED: number; total: number };
  participants: number;
  lastActivity: string | null;
}

/** Prepared read queries. */
export function createReadModels(db: Db) {
  const summaries = db.prepare(`
    SELECT r.slug AS slug,
      COALESCE(SUM(p.state = 'OPEN'), 0) AS open,
      COALESCE(SUM(p.state = 'MERGED'), 0) AS merged,
      COALESCE(SUM(p.state = 'DECLINED'), 0) AS declined,
      COALESCE(SUM(p.state = 'SUPERSEDED'), 0) AS superseded,
      COUNT(p.id) AS total,
      (SELECT COUNT(*) FROM pr_participants x WHERE x.repo_uuid = r.uuid) AS participants,
      MAX(p.updated_on) AS last_activity
    FROM repositories r LEFT JOIN pull_requests p ON p.repo_uuid = r.uuid
    WHERE r.workspace = ?
    GROUP BY r.uuid ORDER BY r.slug`);
  const tableCounts = db.prepare(`
    SELECT (SELECT COUNT(*) FROM repositories) AS repositories,
           (SELECT COUNT(*) FROM pull_requests) AS pull_requests,
           (SELECT COUNT(*) FROM pr_participants) AS participants`);

  return {
    /** Counts per repository of a workspace. */
    repositorySummaries(workspace: string): RepositorySummary[] {
      return (summaries.all(workspace) as Record<string, number | string | null>[]).map((r) => ({
        slug: r.slug as string,
        pullRequests: {
          OPEN: r.open as number,
          MERGED: r.merged as number,
          DECLINED: r.declined as number,
          SUPERSEDED: r.superseded as number,
          total: r.total as number,
        },
        participants: r.participants as number,
        lastActivity: r.last_activity as string | null,
      }));
    },
    /** Row counts of every table (all workspaces). */
    tableCounts(): { repositories: number; pullRequests: number; participants: number } {
      const r = tableCounts.get() as Record<string, number>;
      return {
        repositories: r.repositories ?? 0,
        pullRequests: r.pull_requests ?? 0,
        participants: r.participants ?? 0,
      };
    },
  };
}
