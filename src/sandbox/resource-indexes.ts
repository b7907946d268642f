/**
 * The per-repository caches one sandbox server reads its feeds and lists through: the activity feed,
 * the pipeline runs (by build number and by uuid) with their deployments, and the main-branch
 * commits (with each hash's position, for iterator pagination).
 */
import { type FeedEntry, repositoryActivity } from "./activity.ts";
import { mainBranchCommits } from "./commits.ts";
import { repositoryDeployments } from "./deployments.ts";
import type { SandboxModel } from "./model.ts";
import type { SandboxCommit, SandboxDeployment, SandboxPipeline } from "./model-resources.ts";
import { repositoryPipelines } from "./pipelines.ts";
import { createRepositoryCache, type RepositoryCache } from "./repository-cache.ts";

/** A repository's runs, oldest first, and its deployments, newest first. */
export interface PipelineIndex {
  pipelines: SandboxPipeline[];
  byUuid: ReadonlyMap<string, SandboxPipeline>;
  deployments: SandboxDeployment[];
}

/** A repository's main-branch commits, newest first, and the position of each hash. */
export interface CommitIndex {
  commits: SandboxCommit[];
  position: ReadonlyMap<string, number>;
}

/** The caches of one server. */
export interface ResourceIndexes {
  activity: RepositoryCache<FeedEntry[]>;
  pipelines: RepositoryCache<PipelineIndex>;
  commits: RepositoryCache<CommitIndex>;
}

// Feeds and run lists are larger than pull request timelines, so fewer repositories are kept.
const CAPACITY = 16;

/** Creates the caches over `model`. */
export function createResourceIndexes(model: SandboxModel): ResourceIndexes {
  return {
    activity: createRepositoryCache(model, (repo) => repositoryActivity(model, repo), CAPACITY),
    pipelines: createRepositoryCache(
      model,
      (repo) => {
        const pipelines = repositoryPipelines(model, repo);
        const byUuid = new Map(pipelines.map((p) => [p.uuid, p]));
        return { pipelines, byUuid, deployments: repositoryDeployments(model, repo, pipelines) };
      },
      CAPACITY,
    ),
    commits: createRepositoryCache(
      model,
      (repo) => {
        const commits = mainBranchCommits(model, repo);
        return { commits, position: new Map(commits.map((c, i) => [c.hash, i])) };
      },
      CAPACITY,
    ),
  };
}
