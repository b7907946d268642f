/**
 * Read access to a repository's pull requests: derived ones, overlaid with those changed or
 * added after generation.
 */
import { derivePullRequest, deriveTimeline, type PullRequestTimeline } from "./generate-pull-request.ts";
import type { SandboxModel, SandboxPullRequest, SandboxRepository } from "./model.ts";
import { parseIsoMicros } from "./timestamps.ts";

/** The repository with this slug or `{uuid}`, or undefined. */
export function findRepository(model: SandboxModel, slugOrUuid: string): SandboxRepository | undefined {
  const key = slugOrUuid.toLowerCase();
  return model.repositories.find((repo) => repo.slug === key || repo.uuid === key);
}

/** The repository with this slug; throws when there is none (a mistake in the calling test). */
export function requireRepository(model: SandboxModel, slug: string): SandboxRepository {
  const repo = findRepository(model, slug);
  if (!repo) throw new RangeError(`the sandbox has no repository "${slug}"`);
  return repo;
}

/** The highest pull request id of the repository (ids are 1..count, with no gaps). */
export function pullRequestCount(repo: SandboxRepository): number {
  let count = repo.generatedPullRequests;
  for (const key of Object.keys(repo.changedPullRequests)) count = Math.max(count, Number(key));
  return count;
}

/** Pull request `id` of the repository, or undefined when it does not exist. */
export function getPullRequest(
  model: SandboxModel,
  repo: SandboxRepository,
  id: number,
): SandboxPullRequest | undefined {
  const changed = repo.changedPullRequests[id];
  if (changed) return changed;
  if (!Number.isInteger(id) || id < 1 || id > repo.generatedPullRequests) return undefined;
  return derivePullRequest(model, repo, id);
}

/** Pull request `id` of the repository with this slug, or undefined; a convenience for tests. */
export function findPullRequest(model: SandboxModel, repoSlug: string, id: number): SandboxPullRequest | undefined {
  return getPullRequest(model, requireRepository(model, repoSlug), id);
}

/** Every pull request of the repository, materialised; meant for tests on small workspaces. */
export function listPullRequests(model: SandboxModel, repoSlug: string): SandboxPullRequest[] {
  const repo = requireRepository(model, repoSlug);
  const list: SandboxPullRequest[] = [];
  for (let id = 1; id <= pullRequestCount(repo); id++) {
    const pr = getPullRequest(model, repo, id);
    if (pr) list.push(pr);
  }
  return list;
}

/** The timelines of every pull request of the repository, in id order. */
export function pullRequestTimelines(model: SandboxModel, repo: SandboxRepository): PullRequestTimeline[] {
  const list: PullRequestTimeline[] = [];
  for (let id = 1; id <= pullRequestCount(repo); id++) {
    const changed = repo.changedPullRequests[id];
    list.push(changed ? timelineOf(changed) : deriveTimeline(model, repo, id));
  }
  return list;
}

/** The timeline of a materialised pull request. */
export function timelineOf(pr: SandboxPullRequest): PullRequestTimeline {
  return {
    id: pr.id,
    state: pr.state,
    draft: pr.draft,
    createdMicros: parseIsoMicros(pr.createdOn) ?? 0,
    updatedMicros: parseIsoMicros(pr.updatedOn) ?? 0,
  };
}
