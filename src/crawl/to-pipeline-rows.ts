/**
 * The privacy boundary for pipelines, steps, environments and deployments: API values become stored rows.
 * A pipeline's target branch name becomes a category and a keyed hash here, its creator a person key; the
 * name itself goes no further (DESIGN §2).
 */
import type { Deployment, Environment, Pipeline, PipelineStep } from "../bitbucket/types.ts";
import { categoriseBranch } from "../privacy/branch-category.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { DeploymentRow, EnvironmentRow, PipelineRow, PipelineStepRow } from "../store/crawl-rows.ts";
import type { CrawlRepository } from "./crawl-context.ts";

/** A pipeline as stored. Tags are not branches: a tag target has no branch category or key. */
export function toPipelineRow(repo: CrawlRepository, pipeline: Pipeline, keys: Pseudonymizer): PipelineRow {
  const branch = pipeline.refType === "tag" ? null : pipeline.refName;
  return {
    uuid: pipeline.uuid,
    repoUuid: repo.uuid,
    buildNumber: pipeline.buildNumber,
    state: pipeline.state,
    stage: pipeline.stage,
    result: pipeline.result,
    createdOn: pipeline.createdOn,
    completedOn: pipeline.completedOn,
    durationSeconds: wholeSeconds(pipeline.durationSeconds),
    buildSecondsUsed: wholeSeconds(pipeline.buildSecondsUsed),
    trigger: pipeline.trigger,
    targetType: pipeline.targetType,
    refType: pipeline.refType,
    targetBranchCategory: categoriseBranch(branch, { mainBranch: repo.mainBranch }),
    targetBranchKey: branch === null ? null : keys.branch(repo.uuid, branch),
    selectorType: pipeline.selectorType,
    prId: pipeline.pullRequestId,
    commit: pipeline.commit,
    creatorKey: pipeline.creatorUuid === null ? null : keys.person(pipeline.creatorUuid),
  };
}

/** A step as stored, under the pipeline it was listed for. */
export function toStepRow(repo: CrawlRepository, pipelineUuid: string, step: PipelineStep): PipelineStepRow {
  return {
    uuid: step.uuid,
    repoUuid: repo.uuid,
    pipelineUuid,
    state: step.state,
    result: step.result,
    startedOn: step.startedOn,
    completedOn: step.completedOn,
    durationSeconds: wholeSeconds(step.durationSeconds),
    buildSecondsUsed: wholeSeconds(step.buildSecondsUsed),
  };
}

/** An environment as stored: type and rank, never the name. */
export function toEnvironmentRow(repo: CrawlRepository, environment: Environment): EnvironmentRow {
  return { uuid: environment.uuid, repoUuid: repo.uuid, type: environment.type, rank: environment.rank };
}

/** A deployment as stored, with the type of its environment (null when the environment is unknown). */
export function toDeploymentRow(
  repo: CrawlRepository,
  deployment: Deployment,
  environmentType: string | null,
): DeploymentRow {
  return {
    uuid: deployment.uuid,
    repoUuid: repo.uuid,
    environmentUuid: deployment.environmentUuid,
    environmentType,
    state: deployment.state,
    status: deployment.status,
    startedOn: deployment.startedOn,
    completedOn: deployment.completedOn,
    pipelineUuid: deployment.pipelineUuid,
    commit: deployment.commit,
    lastUpdateTime: deployment.lastUpdateTime,
  };
}

// Bitbucket reports whole seconds; a fraction would not fit the INTEGER column, so it is rounded.
function wholeSeconds(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
