/**
 * Read access to pull request activity: the generated entries of each pull request (drawn from the
 * pull request as generated, so a later change does not redraw them) followed by the entries
 * mutators recorded. Feeds are newest first, as the repository-wide feed is observed to be
 * (api-notes.md §5 › PR activity).
 */
import { drawActivity, openingUpdate } from "./generate-activity.ts";
import { derivePullRequest } from "./generate-pull-request.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { SandboxActivity } from "./model-resources.ts";
import { pullRequestCount, requireRepository } from "./pull-requests.ts";

/** An entry with its position among its pull request's entries, which makes the feed order total. */
export interface FeedEntry extends SandboxActivity {
  seq: number;
}

/** The entries of pull request `id` in the order they happened (undefined when there is no such pull request). */
export function pullRequestActivity(model: SandboxModel, repo: SandboxRepository, id: number): FeedEntry[] | undefined {
  if (!Number.isInteger(id) || id < 1) return undefined;
  let base: SandboxActivity[];
  if (id <= repo.generatedPullRequests) {
    base = drawActivity(model, repo, derivePullRequest(model, repo, id));
  } else {
    const added = repo.changedPullRequests[id];
    if (!added) return undefined;
    base = [openingUpdate(added)];
  }
  const all = [...base, ...(repo.addedActivity[id] ?? [])];
  return all.map((entry, seq) => ({ ...entry, seq }));
}

/** Every entry of every pull request of the repository, newest first. */
export function repositoryActivity(model: SandboxModel, repo: SandboxRepository): FeedEntry[] {
  const all: FeedEntry[] = [];
  for (let id = 1; id <= pullRequestCount(repo); id++) all.push(...(pullRequestActivity(model, repo, id) ?? []));
  return all.sort(compareFeed);
}

/** Feed order: newest first; ties by pull request id, then position, both descending. */
export function compareFeed(a: FeedKey, b: FeedKey): number {
  return b.micros - a.micros || b.pullRequestId - a.pullRequestId || b.seq - a.seq;
}

/** What orders an entry in a feed (and what a feed's `ctx` token carries). */
export type FeedKey = Pick<FeedEntry, "micros" | "pullRequestId" | "seq">;

/** Every activity entry of the repository with this slug, newest first; for tests. */
export function listActivity(model: SandboxModel, repoSlug: string): FeedEntry[] {
  return repositoryActivity(model, requireRepository(model, repoSlug));
}
