/**
 * The kept fields of the effective branching model and of branches (api-notes.md §5 › Branching
 * model, branches). Branch names and prefixes are held in memory only: the crawl turns them into
 * categories before storage. Commit messages and author strings on branch targets are dropped.
 */
import { z } from "zod";
import type { Branch, BranchKind, EffectiveBranchingModel } from "../types.ts";
import { optionalText, optionalTimestamp } from "./common.ts";

// `branch` is left out when the branch does not exist; `name` is the configured one (SPEC branching_model).
const modelBranch = z
  .object({
    name: optionalText,
    branch: z.object({ name: optionalText }).nullish(),
    use_mainbranch: z.boolean().nullish(),
  })
  .nullish();

const BRANCH_KINDS: readonly string[] = ["feature", "bugfix", "release", "hotfix"] satisfies BranchKind[];

/**
 * GET …/effective-branching-model. `production` is absent when disabled (SPEC description). A
 * branch type of a kind other than the documented four is skipped rather than failing the crawl.
 */
export const effectiveBranchingModelSchema = z
  .object({
    development: modelBranch,
    production: modelBranch,
    branch_types: z.array(z.object({ kind: z.string(), prefix: z.string().min(1) })).nullish(),
  })
  .transform(
    (value): EffectiveBranchingModel => ({
      developmentBranch: value.development?.branch?.name ?? value.development?.name ?? null,
      developmentUsesMain: value.development?.use_mainbranch ?? false,
      productionBranch: value.production?.branch?.name ?? value.production?.name ?? null,
      productionUsesMain: value.production?.use_mainbranch ?? false,
      productionEnabled: value.production !== undefined && value.production !== null,
      prefixes: (value.branch_types ?? []).flatMap(({ kind, prefix }) =>
        isBranchKind(kind) ? [{ kind, prefix }] : [],
      ),
    }),
  );

function isBranchKind(kind: string): kind is BranchKind {
  return BRANCH_KINDS.includes(kind);
}

/** One branch value (GET …/refs/branches): its name and the date of the commit it points at. */
export const branchSchema = z
  .object({
    name: z.string().min(1),
    // Branch targets are commits, whose dates may take the broken `+00:00Z` form (api-notes.md §9.8).
    target: z.object({ date: optionalTimestamp }).nullish(),
  })
  .transform((value): Branch => ({ name: value.name, lastCommitDate: value.target?.date ?? null }));
