/**
 * Read access to a repository's deployments: one per deploying step of each run, derived from the
 * runs, so a run completed by a mutator moves its deployments along.
 */
import { deriveEnvironments } from "./generate-environments.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { SandboxDeployment, SandboxEnvironment, SandboxPipeline } from "./model-resources.ts";
import { repositoryPipelines } from "./pipelines.ts";
import { requireRepository } from "./pull-requests.ts";

/**
 * The deployments of `pipelines` (all of the repository's by default), newest first: by the run's
 * creation, and within a run the later step first.
 */
export function repositoryDeployments(
  model: SandboxModel,
  repo: SandboxRepository,
  pipelines: readonly SandboxPipeline[] = repositoryPipelines(model, repo),
): SandboxDeployment[] {
  const environments = deriveEnvironments(model, repo);
  const newestFirst = [...pipelines].sort((a, b) => b.createdMicros - a.createdMicros || b.buildNumber - a.buildNumber);
  const list: SandboxDeployment[] = [];
  for (const pipeline of newestFirst) {
    for (const step of [...pipeline.steps].reverse()) {
      const environment = step.environment === null ? undefined : environments[step.environment];
      if (environment) list.push({ pipeline, step, environment });
    }
  }
  return list;
}

/** Every deployment of the repository with this slug, newest first; for tests. */
export function listDeployments(model: SandboxModel, repoSlug: string): SandboxDeployment[] {
  return repositoryDeployments(model, requireRepository(model, repoSlug));
}

/** The environments of the repository with this slug; for tests. */
export function listEnvironments(model: SandboxModel, repoSlug: string): SandboxEnvironment[] {
  return deriveEnvironments(model, requireRepository(model, repoSlug));
}
