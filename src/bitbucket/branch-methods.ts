/**
 * The branch strategy and repository activity of a repository: the effective branching model,
 * the branches and the commits of the main branch. Branch names come back for categorisation in
 * memory and are never stored (DESIGN.md §2). A 403/404 throws ResourceUnavailableError.
 */
import type { ClientCalls } from "./client-calls.ts";
import { endpoints } from "./endpoints.ts";
import { resourceUnavailable as unavailable } from "./resource-unavailable.ts";
import type { Branch, Commit, EffectiveBranchingModel, Page } from "./types.ts";

/** The branch and commit methods of the client. */
export interface BranchMethods {
  /** The branching model in effect (project settings included); needs no admin scope. */
  getEffectiveBranchingModel(workspace: string, repoSlug: string): Promise<EffectiveBranchingModel>;
  /** Every branch with the date of its last commit, pagelen 100. */
  listBranches(workspace: string, repoSlug: string): AsyncGenerator<Page<Branch>, void>;
  /**
   * The commits reachable from `revision` (the main branch name), newest first, pagelen 100. The
   * pagination is iterator-based (an opaque page=<hash>), so `next` is followed verbatim; note that
   * a yielded `next` holds the revision in its path.
   */
  listCommits(workspace: string, repoSlug: string, revision: string): AsyncGenerator<Page<Commit>, void>;
}

/** Creates the branch and commit methods over the client's calls. */
export function createBranchMethods(calls: ClientCalls): BranchMethods {
  return {
    getEffectiveBranchingModel(workspace, repoSlug) {
      const params = { workspace, repo_slug: repoSlug };
      return calls.getOne(
        endpoints.effectiveBranchingModel,
        params,
        unavailable("branching model", workspace, repoSlug),
      );
    },
    async *listBranches(workspace, repoSlug) {
      const params = { workspace, repo_slug: repoSlug };
      yield* calls.walk(endpoints.branches, params, {}, unavailable("branches", workspace, repoSlug));
    },
    async *listCommits(workspace, repoSlug, revision) {
      const params = { workspace, repo_slug: repoSlug, revision };
      yield* calls.walk(endpoints.commits, params, {}, unavailable("commits", workspace, repoSlug));
    },
  };
}
