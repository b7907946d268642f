/**
 * Renders deployment environments and deployments in the Bitbucket wire format (SPEC
 * `deployment_environment`, `deployment`; field names from the recorded DevLake payloads:
 * `state.started_on`, `state.completed_on`, `release.pipeline`, `last_update_time`). Times are `Z`
 * with micro- or milliseconds. Environment and release names and URLs are free text.
 */
import { canary } from "./canary.ts";
import type { SandboxRepository } from "./model.ts";
import type { SandboxDeployment, SandboxEnvironment, SandboxStep } from "./model-resources.ts";
import { createRandom, mixSeed, randomUuid } from "./random.ts";
import { renderUser } from "./render-account.ts";
import { link, type RenderContext, segment } from "./render-context.ts";
import { formatNanosZ } from "./timestamps.ts";

/** One environment. */
export function renderEnvironment(
  ctx: RenderContext,
  repo: SandboxRepository,
  environment: SandboxEnvironment,
): Record<string, unknown> {
  const api = `${ctx.api}/repositories/${ctx.model.workspace.slug}/${repo.slug}`;
  return {
    type: "deployment_environment",
    uuid: environment.uuid,
    name: environment.name,
    slug: environment.slug,
    rank: environment.rank,
    environment_type: { type: "deployment_environment_type", name: environment.type, rank: environment.rank },
    category: { name: environment.type },
    hidden: false,
    environment_lock_enabled: true,
    lock: { type: "deployment_environment_lock_open", name: "OPEN" },
    restrictions: { type: "deployment_restrictions_configuration", admin_only: false },
    deployment_gate_enabled: false,
    links: { self: link(`${api}/environments/${segment(environment.uuid)}`) },
  };
}

/** One deployment. */
export function renderDeployment(
  ctx: RenderContext,
  repo: SandboxRepository,
  deployment: SandboxDeployment,
): Record<string, unknown> {
  const { pipeline, step, environment } = deployment;
  const web = `${ctx.web}/${ctx.model.workspace.slug}/${repo.slug}`;
  // Some deployments print milliseconds, others microseconds (both seen in recorded payloads).
  const millis = pipeline.nanos % 2 === 1;
  const time = (micros: number) => formatNanosZ(millis ? Math.floor(micros / 1000) * 1000 : micros);
  const label = [`r${repo.index + 1}`, `b${pipeline.buildNumber}`] as const;
  const releaseUuid = randomUuid(createRandom(mixSeed(ctx.model.seed, 23, repo.index, pipeline.buildNumber)));
  const state = renderState(step, `${web}/pipelines/results/${pipeline.buildNumber}/steps/${segment(step.uuid)}`, time);
  if (pipeline.creator !== null && state.name !== "UNDEPLOYED") state.deployer = renderUser(ctx, pipeline.creator);
  const updated = step.completedMicros ?? step.startedMicros ?? pipeline.createdMicros;
  return {
    type: "deployment",
    uuid: step.deploymentUuid,
    step: { type: "deployment_step", uuid: step.uuid },
    environment: { type: "deployment_environment", uuid: environment.uuid, name: environment.name },
    release: {
      type: "deployment_release_pipeline",
      uuid: releaseUuid,
      key: `pipelines-${pipeline.uuid}`,
      name: `#${pipeline.buildNumber} ${canary("release", ...label)}`,
      url: `${web}/pipelines/results/${pipeline.buildNumber}`,
      commit: {
        type: "commit",
        hash: pipeline.target.commit,
        links: { html: link(`${web}/commits/${pipeline.target.commit}`) },
      },
      created_on: time(pipeline.createdMicros),
      pipeline: { type: "pipeline", uuid: pipeline.uuid },
    },
    state,
    last_update_time: time(updated),
  };
}

function renderState(step: SandboxStep, url: string, time: (micros: number) => string): Record<string, unknown> {
  if (step.state === "IN_PROGRESS" && step.startedMicros !== null) {
    return { type: "deployment_state_in_progress", name: "IN_PROGRESS", url, started_on: time(step.startedMicros) };
  }
  const ran = step.state === "COMPLETED" && step.startedMicros !== null && step.completedMicros !== null;
  if (!ran || step.result === null || step.result === "NOT_RUN" || step.result === "EXPIRED") {
    return { type: "deployment_state_undeployed", name: "UNDEPLOYED", trigger_url: url };
  }
  const status = step.result === "SUCCESSFUL" ? "SUCCESSFUL" : step.result === "STOPPED" ? "STOPPED" : "FAILED";
  return {
    type: "deployment_state_completed",
    name: "COMPLETED",
    status: { type: `deployment_state_completed_status_${status.toLowerCase()}`, name: status },
    url,
    started_on: time(step.startedMicros ?? 0),
    completed_on: time(step.completedMicros ?? 0),
  };
}
