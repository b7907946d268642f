/**
 * The privacy boundary for the branch strategy and commits: the effective branching model becomes
 * categories and enabled prefix kinds, branches become counts per category, commits keep their hash, date,
 * author key and merge flag. Branch names and prefixes are used here, in memory, and never returned.
 */
import type { Commit, EffectiveBranchingModel } from "../bitbucket/types.ts";
import { type BranchCategory, type BranchingModel, categoriseBranch } from "../privacy/branch-category.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { BranchingModelRow, CommitRow } from "../store/crawl-rows.ts";
import type { CrawlRepository } from "./crawl-context.ts";

/** Every category, so a snapshot writes a row (possibly zero) for each and none is left stale. */
export const branchCategories: readonly BranchCategory[] = [
  "main",
  "development",
  "feature",
  "bugfix",
  "hotfix",
  "release",
  "other",
];

/** The categorisation model of a repository: its main branch and, when known, its effective branching model. */
export function categorisationModel(repo: CrawlRepository, model: EffectiveBranchingModel | null): BranchingModel {
  if (model === null) return { mainBranch: repo.mainBranch };
  return {
    mainBranch: repo.mainBranch,
    developmentBranch: model.developmentUsesMain ? null : model.developmentBranch,
    productionBranch: model.productionEnabled && !model.productionUsesMain ? model.productionBranch : null,
    prefixes: Object.fromEntries(model.prefixes.map(({ kind, prefix }) => [kind, prefix])),
  };
}

/**
 * The branching model as stored. The development and production branches are categorised by the common
 * conventions (not by the model itself, which would call its own development branch "development" by
 * definition), so the row says whether they are the main branch, a conventional name, or something else.
 */
export function toBranchingModelRow(repo: CrawlRepository, model: EffectiveBranchingModel): BranchingModelRow {
  const conventions = { mainBranch: repo.mainBranch };
  const kinds = new Set(model.prefixes.map((p) => p.kind));
  return {
    repoUuid: repo.uuid,
    developmentCategory: model.developmentUsesMain ? "main" : categoriseBranch(model.developmentBranch, conventions),
    productionEnabled: model.productionEnabled,
    productionCategory: !model.productionEnabled
      ? null
      : model.productionUsesMain
        ? "main"
        : categoriseBranch(model.productionBranch, conventions),
    prefixKinds: {
      feature: kinds.has("feature"),
      bugfix: kinds.has("bugfix"),
      release: kinds.has("release"),
      hotfix: kinds.has("hotfix"),
    },
  };
}

/** A main-branch commit as stored. */
export function toCommitRow(repo: CrawlRepository, commit: Commit, keys: Pseudonymizer): CommitRow {
  return {
    repoUuid: repo.uuid,
    hash: commit.hash,
    committedOn: commit.date,
    authorKey: commit.authorUuid === null ? null : keys.person(commit.authorUuid),
    isMerge: commit.parentCount > 1,
  };
}
