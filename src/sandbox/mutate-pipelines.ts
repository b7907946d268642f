/**
 * Pipeline changes for incremental-sync tests: start a new run, finish a running one. Every change
 * bumps `model.revision`; changed and added runs are stored in the repository's `changedPipelines`.
 */
import { drawPipeline, type PipelineStatus, pipelineStream } from "./generate-pipeline.ts";
import { completeSteps } from "./generate-pipeline-steps.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { PipelineResult, PipelineStateName, SandboxPipeline } from "./model-resources.ts";
import { now } from "./mutate.ts";
import { bracedUuid, getPipeline, pipelineCount, repositoryPipelines } from "./pipelines.ts";
import { requireRepository } from "./pull-requests.ts";
import { dateToMicros } from "./timestamps.ts";

/** The state of a run added by `addPipeline`. */
export interface NewPipeline {
  /** Default IN_PROGRESS (its first steps running). */
  state?: PipelineStateName;
  /** For COMPLETED runs; default SUCCESSFUL. */
  result?: PipelineResult;
}

/**
 * Starts run number N+1 at `at` (default: the model clock), which must be later than the newest
 * run. A COMPLETED run's steps end minutes after `at`.
 */
export function addPipeline(
  model: SandboxModel,
  repoSlug: string,
  at: Date = now(model),
  options: NewPipeline = {},
): SandboxPipeline {
  const repo = requireRepository(model, repoSlug);
  if (repo.pipelinesUnavailable !== null) throw new RangeError(`${repoSlug} has no Pipelines`);
  const buildNumber = pipelineCount(repo) + 1;
  const createdMicros = dateToMicros(at);
  const newest = getPipeline(model, repo, buildNumber - 1);
  if (newest && createdMicros <= newest.createdMicros) {
    throw new RangeError(`a new pipeline of ${repoSlug} must start after run ${newest.buildNumber}`);
  }
  const state = options.state ?? "IN_PROGRESS";
  const status: PipelineStatus =
    state === "COMPLETED"
      ? { state, stage: null, result: options.result ?? "SUCCESSFUL" }
      : { state, stage: state === "IN_PROGRESS" ? "RUNNING" : null, result: null };
  const random = pipelineStream(model, repo, buildNumber, 1);
  const pipeline = drawPipeline(random, model, repo, { buildNumber, createdMicros, status });
  return store(model, repo, pipeline);
}

/**
 * Completes the running or pending run `uuid` at `at` (default: the model clock) with `result`:
 * its unfinished steps finish (or, after a failure, are NOT_RUN) and its deployments follow.
 */
export function completePipeline(
  model: SandboxModel,
  repoSlug: string,
  uuid: string,
  at: Date = now(model),
  result: PipelineResult = "SUCCESSFUL",
): SandboxPipeline {
  const repo = requireRepository(model, repoSlug);
  const wanted = bracedUuid(uuid);
  const current = repositoryPipelines(model, repo).find((p) => p.uuid === wanted);
  if (!current) throw new RangeError(`${repoSlug} has no pipeline ${uuid}`);
  if (current.state === "COMPLETED")
    throw new RangeError(`pipeline ${current.buildNumber} of ${repoSlug} is completed`);
  const atMicros = dateToMicros(at);
  const started = current.steps.map((s) => s.completedMicros ?? s.startedMicros ?? 0);
  if (atMicros <= Math.max(current.createdMicros, ...started)) {
    throw new RangeError(`pipeline ${current.buildNumber} of ${repoSlug} must complete after it started`);
  }
  const next: SandboxPipeline = {
    ...structuredClone(current),
    state: "COMPLETED",
    stage: null,
    result,
    completedMicros: atMicros,
  };
  next.steps = completeSteps(current.steps, current.createdMicros, atMicros, result);
  return store(model, repo, next);
}

function store(model: SandboxModel, repo: SandboxRepository, pipeline: SandboxPipeline): SandboxPipeline {
  repo.changedPipelines[pipeline.buildNumber] = pipeline;
  model.revision++;
  return pipeline;
}
