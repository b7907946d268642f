/**
 * Read access to a repository's pipeline runs: derived ones, overlaid with those changed or added
 * after generation. A repository without Pipelines has none.
 */
import { derivePipeline } from "./generate-pipeline.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { SandboxPipeline, SandboxStep } from "./model-resources.ts";
import { requireRepository } from "./pull-requests.ts";

/** The highest build number of the repository (build numbers are 1..count, with no gaps). */
export function pipelineCount(repo: SandboxRepository): number {
  let count = repo.generatedPipelines;
  for (const key of Object.keys(repo.changedPipelines)) count = Math.max(count, Number(key));
  return count;
}

/** Run `buildNumber` of the repository, or undefined when it does not exist. */
export function getPipeline(
  model: SandboxModel,
  repo: SandboxRepository,
  buildNumber: number,
): SandboxPipeline | undefined {
  const changed = repo.changedPipelines[buildNumber];
  if (changed) return changed;
  if (!Number.isInteger(buildNumber) || buildNumber < 1 || buildNumber > repo.generatedPipelines) return undefined;
  return derivePipeline(model, repo, buildNumber);
}

/** Every run of the repository, in build-number (and so creation) order. */
export function repositoryPipelines(model: SandboxModel, repo: SandboxRepository): SandboxPipeline[] {
  const list: SandboxPipeline[] = [];
  for (let n = 1; n <= pipelineCount(repo); n++) {
    const pipeline = getPipeline(model, repo, n);
    if (pipeline) list.push(pipeline);
  }
  return list;
}

/** Every run of the repository with this slug, oldest first; for tests. */
export function listPipelines(model: SandboxModel, repoSlug: string): SandboxPipeline[] {
  return repositoryPipelines(model, requireRepository(model, repoSlug));
}

/** The run with this uuid (braces optional, any case) in the repository with this slug; for tests. */
export function findPipeline(model: SandboxModel, repoSlug: string, uuid: string): SandboxPipeline | undefined {
  const wanted = bracedUuid(uuid);
  return listPipelines(model, repoSlug).find((p) => p.uuid === wanted);
}

/** The steps of the run with this uuid; throws when there is no such run (a mistake in the calling test). */
export function listPipelineSteps(model: SandboxModel, repoSlug: string, uuid: string): SandboxStep[] {
  const pipeline = findPipeline(model, repoSlug, uuid);
  if (!pipeline) throw new RangeError(`${repoSlug} has no pipeline ${uuid}`);
  return pipeline.steps;
}

/** A uuid as the sandbox stores it: lowercase, in braces. */
export function bracedUuid(uuid: string): string {
  const body = uuid
    .trim()
    .toLowerCase()
    .replace(/^\{(.*)\}$/, "$1");
  return `{${body}}`;
}
