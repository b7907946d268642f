/**
 * The pull request timelines of each repository, cached (repository-cache.ts) so that paging
 * through a repository of 4,000 pull requests derives them once, not once per page.
 */
import type { PullRequestTimeline } from "./generate-pull-request.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import { pullRequestTimelines } from "./pull-requests.ts";
import { createRepositoryCache } from "./repository-cache.ts";

/** Timelines of a repository's pull requests, in id order. */
export interface PullRequestIndex {
  timelines(repo: SandboxRepository): readonly PullRequestTimeline[];
}

/** Creates an index over `model` that keeps at most `capacity` repositories. */
export function createPullRequestIndex(model: SandboxModel, capacity = 32): PullRequestIndex {
  const cache = createRepositoryCache(model, (repo) => pullRequestTimelines(model, repo), capacity);
  return { timelines: (repo) => cache.get(repo) };
}
