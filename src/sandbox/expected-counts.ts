/**
 * What a complete crawl of one repository should find, for tests and benchmarks to compare a
 * cache with: counts per resource, and counts from a date on for the resources a look-back window
 * bounds. Materialises the repository's data; meant for tests, not for the server.
 */
import { repositoryActivity } from "./activity.ts";
import { mainBranchCommits } from "./commits.ts";
import { repositoryDeployments } from "./deployments.ts";
import { deriveBranches, isStale } from "./generate-branches.ts";
import { deriveEnvironments } from "./generate-environments.ts";
import type { SandboxModel } from "./model.ts";
import { now } from "./mutate.ts";
import { repositoryPipelines } from "./pipelines.ts";
import { pullRequestCount, requireRepository } from "./pull-requests.ts";
import { dateToMicros } from "./timestamps.ts";

/** The expected contents of one repository. */
export interface ExpectedCounts {
  pullRequests: number;
  activityEntries: number;
  /** 403 or 404 when the repository has no Pipelines (then runs, steps, environments and deployments are 0). */
  pipelinesUnavailable: 403 | 404 | null;
  pipelines: number;
  /** Runs not COMPLETED (PENDING or IN_PROGRESS). */
  runningPipelines: number;
  steps: number;
  deployments: number;
  environments: number;
  branches: number;
  /** Branches whose last commit is more than 90 days older than the model clock. */
  staleBranches: number;
  commits: number;
  /** Main-branch commits with two parents. */
  mergeCommits: number;
  /** Activity entries dated at or after `at`. */
  activitySince(at: Date): number;
  /** Runs created at or after `at`. */
  pipelinesSince(at: Date): number;
  /** Main-branch commits dated at or after `at`. */
  commitsSince(at: Date): number;
  /** Branches stale as of `at`. */
  staleBranchesAt(at: Date): number;
}

/** Counts everything the repository with this slug holds. */
export function expectedCounts(model: SandboxModel, repoSlug: string): ExpectedCounts {
  const repo = requireRepository(model, repoSlug);
  const activity = repositoryActivity(model, repo);
  const pipelines = repositoryPipelines(model, repo);
  const commits = mainBranchCommits(model, repo);
  const branches = deriveBranches(model, repo);
  const since = (at: Date, micros: readonly number[]) => micros.filter((m) => m >= dateToMicros(at)).length;
  const staleAt = (at: Date) => branches.filter((b) => isStale(b, at)).length;
  return {
    pullRequests: pullRequestCount(repo),
    activityEntries: activity.length,
    pipelinesUnavailable: repo.pipelinesUnavailable,
    pipelines: pipelines.length,
    runningPipelines: pipelines.filter((p) => p.state !== "COMPLETED").length,
    steps: pipelines.reduce((sum, p) => sum + p.steps.length, 0),
    deployments: repositoryDeployments(model, repo, pipelines).length,
    environments: deriveEnvironments(model, repo).length,
    branches: branches.length,
    staleBranches: staleAt(now(model)),
    commits: commits.length,
    mergeCommits: commits.filter((c) => c.parents.length > 1).length,
    activitySince: (at) =>
      since(
        at,
        activity.map((e) => e.micros),
      ),
    pipelinesSince: (at) =>
      since(
        at,
        pipelines.map((p) => p.createdMicros),
      ),
    commitsSince: (at) =>
      since(
        at,
        commits.map((c) => c.micros),
      ),
    staleBranchesAt: staleAt,
  };
}
