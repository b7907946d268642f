/**
 * A small cache of pull request timelines per repository, so paging through a repository of
 * 4,000 pull requests derives them once, not once per page. It belongs to one server, is bounded
 * (least recently used repositories are dropped) and is discarded when the model changes.
 */
import type { PullRequestTimeline } from "./generate-pull-request.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import { pullRequestTimelines } from "./pull-requests.ts";

/** Timelines of a repository's pull requests, in id order. */
export interface PullRequestIndex {
  timelines(repo: SandboxRepository): readonly PullRequestTimeline[];
}

/** Creates an index over `model` that keeps at most `capacity` repositories. */
export function createPullRequestIndex(model: SandboxModel, capacity = 32): PullRequestIndex {
  const cache = new Map<string, readonly PullRequestTimeline[]>();
  let revision = model.revision;
  return {
    timelines(repo) {
      if (revision !== model.revision) {
        cache.clear();
        revision = model.revision;
      }
      const cached = cache.get(repo.uuid);
      if (cached) {
        // Re-insert to mark it as most recently used.
        cache.delete(repo.uuid);
        cache.set(repo.uuid, cached);
        return cached;
      }
      const fresh = pullRequestTimelines(model, repo);
      cache.set(repo.uuid, fresh);
      const oldest = cache.keys().next();
      if (cache.size > capacity && !oldest.done) cache.delete(oldest.value);
      return fresh;
    },
  };
}
