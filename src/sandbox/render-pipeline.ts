/**
 * Renders pipeline runs and steps in the Bitbucket wire format (SPEC `pipeline`, `pipeline_step`,
 * and the recorded payloads): timestamps in `Z` with up to nine fractional digits, `completed_on`
 * and `duration_in_seconds` absent while a run is not finished, and the free-text parts (ref names,
 * custom pipeline names, variables, step names, images' commands) carrying canaries.
 */
import { canary } from "./canary.ts";
import type { SandboxRepository } from "./model.ts";
import type { SandboxPipeline, SandboxStep } from "./model-resources.ts";
import { renderUser } from "./render-account.ts";
import { link, type RenderContext, segment } from "./render-context.ts";
import { renderRepositoryRef } from "./render-repository.ts";
import { formatNanosZ, MICROS } from "./timestamps.ts";

const IMAGES = ["atlassian/default-image:4", "node:22", "maven:3.9", "python:3.12", "golang:1.23"] as const;

/** The API URL of a run. */
export function pipelineUrl(ctx: RenderContext, repo: SandboxRepository, pipeline: SandboxPipeline): string {
  return `${ctx.api}/repositories/${ctx.model.workspace.slug}/${repo.slug}/pipelines/${segment(pipeline.uuid)}`;
}

/** One run, as the list and `GET …/pipelines/{uuid}` return it. */
export function renderPipeline(
  ctx: RenderContext,
  repo: SandboxRepository,
  pipeline: SandboxPipeline,
): Record<string, unknown> {
  const time = (micros: number) => formatNanosZ(micros, pipeline.nanos);
  const self = pipelineUrl(ctx, repo, pipeline);
  const out: Record<string, unknown> = {
    type: "pipeline",
    uuid: pipeline.uuid,
    repository: renderRepositoryRef(ctx, repo),
    state: renderState(pipeline),
    build_number: pipeline.buildNumber,
    run_number: pipeline.runNumber,
    trigger: { name: pipeline.trigger, type: `pipeline_trigger_${pipeline.trigger.toLowerCase()}` },
    target: renderTarget(ctx, repo, pipeline),
    created_on: time(pipeline.createdMicros),
    build_seconds_used: buildSeconds(pipeline.steps),
    first_successful: false,
    expired: pipeline.result === "EXPIRED",
    has_variables: pipeline.variables.length > 0,
    variables: pipeline.variables.map((v) => ({
      type: "pipeline_variable",
      key: v.key,
      value: v.value,
      secured: false,
    })),
    configuration_sources: [],
    links: { self: link(self), steps: link(`${self}/steps/`) },
  };
  if (pipeline.creator !== null) out.creator = renderUser(ctx, pipeline.creator);
  if (pipeline.completedMicros !== null) {
    out.completed_on = time(pipeline.completedMicros);
    out.duration_in_seconds = Math.round((pipeline.completedMicros - pipeline.createdMicros) / MICROS.second);
  }
  return out;
}

/** One step of `pipeline` (step `index`, 0-based). */
export function renderStep(
  repo: SandboxRepository,
  pipeline: SandboxPipeline,
  step: SandboxStep,
  index: number,
): Record<string, unknown> {
  const labels = [`r${repo.index + 1}`, `b${pipeline.buildNumber}`, `s${index + 1}`] as const;
  const time = (micros: number) => formatNanosZ(micros, pipeline.nanos);
  const command = (kind: string, commandType = "user") => ({
    commandType,
    name: `${kind} ${canary(`${kind}-name`, ...labels)}`,
    command: `run ${canary(`${kind}-command`, ...labels)}`,
  });
  const state: Record<string, unknown> = { name: step.state, type: `pipeline_step_state_${step.state.toLowerCase()}` };
  if (step.result !== null) {
    state.result = { name: step.result, type: `pipeline_step_state_completed_${step.result.toLowerCase()}` };
  }
  const out: Record<string, unknown> = {
    type: "pipeline_step",
    uuid: step.uuid,
    name: `${step.environment === null ? "Build" : "Deploy"} ${canary("step-name", ...labels)}`,
    pipeline: { type: "pipeline", uuid: pipeline.uuid },
    run_number: pipeline.runNumber,
    maxTime: 120,
    trigger: { type: step.environment === 2 ? "pipeline_step_trigger_manual" : "pipeline_step_trigger_automatic" },
    state,
    image: { name: IMAGES[(pipeline.buildNumber + index) % IMAGES.length] },
    setup_commands: [command("setup")],
    script_commands: [command("script"), command("script-2")],
    teardown_commands: [command("teardown", "system")],
    build_seconds_used: stepSeconds(step),
  };
  if (step.startedMicros !== null) out.started_on = time(step.startedMicros);
  if (step.completedMicros !== null) {
    out.completed_on = time(step.completedMicros);
    out.duration_in_seconds = stepSeconds(step);
  }
  return out;
}

function renderState(pipeline: SandboxPipeline): Record<string, unknown> {
  const type = `pipeline_state_${pipeline.state.toLowerCase()}`;
  const state: Record<string, unknown> = { name: pipeline.state, type };
  if (pipeline.stage !== null) state.stage = { name: pipeline.stage, type: `${type}_${pipeline.stage.toLowerCase()}` };
  if (pipeline.result !== null)
    state.result = { name: pipeline.result, type: `${type}_${pipeline.result.toLowerCase()}` };
  return state;
}

function renderTarget(ctx: RenderContext, repo: SandboxRepository, pipeline: SandboxPipeline): Record<string, unknown> {
  const { target } = pipeline;
  const path = `${ctx.model.workspace.slug}/${repo.slug}`;
  const commit = {
    type: "commit",
    hash: target.commit,
    links: {
      self: link(`${ctx.api}/repositories/${path}/commit/${target.commit}`),
      html: link(`${ctx.web}/${path}/commits/${target.commit}`),
    },
  };
  const selector =
    target.selectorPattern === null
      ? { type: target.selectorType }
      : { type: target.selectorType, pattern: target.selectorPattern };
  if (target.type === "pipeline_pullrequest_target") {
    // The shape of the SPEC's "Trigger a pull request pipeline" example: source and destination, no ref_name.
    return {
      type: target.type,
      source: target.refName,
      destination: target.destination,
      destination_commit: { type: "commit", hash: target.commit.slice(0, 12) },
      commit,
      pullrequest: { type: "pullrequest", id: target.pullRequestId, links: {} },
      selector,
    };
  }
  if (target.type === "pipeline_commit_target") return { type: target.type, commit, selector };
  return { type: target.type, ref_type: target.refType, ref_name: target.refName, commit, selector };
}

function stepSeconds(step: SandboxStep): number {
  if (step.startedMicros === null || step.completedMicros === null) return 0;
  return Math.ceil((step.completedMicros - step.startedMicros) / MICROS.second);
}

function buildSeconds(steps: readonly SandboxStep[]): number {
  return steps.reduce((sum, step) => sum + stepSeconds(step), 0);
}
