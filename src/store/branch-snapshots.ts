/**
 * The branch strategy of a repository: its branching model as categories and enabled prefix kinds, and
 * branch counts per category. Never a branch name (DESIGN §2).
 */
import type { BranchingModelRow, BranchStatsRow } from "./crawl-rows.ts";
import type { Db } from "./open-database.ts";
import { upsertSql } from "./upsert-sql.ts";

const modelColumns = [
  "development_category",
  "production_enabled",
  "production_category",
  "feature_prefix",
  "bugfix_prefix",
  "release_prefix",
  "hotfix_prefix",
] as const;

/** Prepared statements for branching_models and branch_stats. */
export function createBranchSnapshotTable(db: Db) {
  const upsertModel = db.prepare(upsertSql("branching_models", ["repo_uuid"], modelColumns));
  const upsertStats = db.prepare(
    upsertSql("branch_stats", ["repo_uuid", "category"], ["branches", "stale", "stale_after_days"]),
  );
  const flag = (on: boolean) => (on ? 1 : 0);

  return {
    /** Inserts or updates a repository's branching model; returns 1 when the row changed. */
    upsertModel(row: BranchingModelRow, run: number): number {
      return upsertModel.run({
        repo_uuid: row.repoUuid,
        development_category: row.developmentCategory,
        production_enabled: flag(row.productionEnabled),
        production_category: row.productionCategory,
        feature_prefix: flag(row.prefixKinds.feature),
        bugfix_prefix: flag(row.prefixKinds.bugfix),
        release_prefix: flag(row.prefixKinds.release),
        hotfix_prefix: flag(row.prefixKinds.hotfix),
        run,
      }).changes;
    },
    /** Inserts or updates the counts of one category; returns 1 when the row changed. */
    upsertStats(row: BranchStatsRow, run: number): number {
      return upsertStats.run({
        repo_uuid: row.repoUuid,
        category: row.category,
        branches: row.branches,
        stale: row.stale,
        stale_after_days: row.staleAfterDays,
        run,
      }).changes;
    },
  };
}
