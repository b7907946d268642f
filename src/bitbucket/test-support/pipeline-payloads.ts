/**
 * Synthetic pipelines, steps, environments and deployments as Bitbucket sends them when it ignores
 * `fields=` (never imported by production code). Names, variables, commands and URLs carry CANARY
 * strings.
 */
import { accountPayload } from "./payloads.ts";

/** A pipeline uuid for test number n. */
export function pipelineUuid(n: number): string {
  return `{0000000${n % 10}-1111-4000-8000-${String(n).padStart(12, "0")}}`;
}

/** A completed pipeline on a branch, with everything that must be dropped. */
export function pipelinePayload(n: number, extra: Record<string, unknown> = {}) {
  return {
    type: "pipeline",
    uuid: pipelineUuid(n),
    build_number: n,
    run_number: 1,
    created_on: "2024-03-01T10:20:30.123456789Z",
    completed_on: "2024-03-01T10:25:30.5Z",
    duration_in_seconds: 300,
    build_seconds_used: 280,
    state: {
      name: "COMPLETED",
      type: "pipeline_state_completed",
      result: { name: "SUCCESSFUL", type: "pipeline_state_completed_successful", terminator: accountPayload(9) },
    },
    trigger: { name: "PUSH", type: "pipeline_trigger_push" },
    target: {
      type: "pipeline_ref_target",
      ref_type: "branch",
      ref_name: "feature/CANARY-PIPELINE-BRANCH",
      commit: { type: "commit", hash: "0123456789abcdef0123456789abcdef01234567" },
      selector: { type: "branches", pattern: "CANARY-SELECTOR-PATTERN" },
    },
    creator: accountPayload(1),
    variables: [{ key: "CANARY_VARIABLE_KEY", value: "CANARY-VARIABLE-SECRET" }],
    repository: { name: "CANARY-REPO-NAME", full_name: "acme/CANARY-REPO" },
    links: { self: { href: "https://bitbucket-pipelines.example/CANARY-LINK" } },
    ...extra,
  };
}

/** A completed step of pipeline n, with its name and build script. */
export function stepPayload(n: number, step: number, extra: Record<string, unknown> = {}) {
  return {
    type: "pipeline_step",
    uuid: `{22222222-0000-4000-8000-${String(n * 100 + step).padStart(12, "0")}}`,
    name: `CANARY-STEP-NAME-${step}`,
    pipeline: { type: "pipeline", uuid: pipelineUuid(n) },
    run_number: 1,
    maxTime: 120,
    image: { name: "CANARY-IMAGE:latest" },
    started_on: "2024-03-01T10:21:00.000000001Z",
    completed_on: "2024-03-01T10:24:00Z",
    duration_in_seconds: 180,
    build_seconds_used: 180,
    state: { name: "COMPLETED", type: "pipeline_step_state_completed", result: { name: "SUCCESSFUL" } },
    trigger: { type: "pipeline_step_trigger_automatic" },
    setup_commands: [{ name: "CANARY-SETUP-NAME", command: "CANARY-SETUP-COMMAND" }],
    script_commands: [{ name: "CANARY-SCRIPT-NAME", command: "curl -H 'x-token-auth: CANARY-SCRIPT-SECRET'" }],
    teardown_commands: [{ name: "CANARY-TEARDOWN-NAME", command: "CANARY-TEARDOWN-COMMAND" }],
    ...extra,
  };
}

/** A deployment environment with a free-text name. */
export function environmentPayload(n: number, type = "Production", rank = 2) {
  return {
    type: "deployment_environment",
    uuid: `{33333333-0000-4000-8000-${String(n).padStart(12, "0")}}`,
    name: `CANARY-ENVIRONMENT-NAME-${n}`,
    slug: `canary-environment-${n}`,
    environment_type: { type: "deployment_environment_type", name: type, rank },
    lock: { name: "UNLOCKED" },
  };
}

/** A completed deployment of pipeline n to environment 1, with its release name and URLs. */
export function deploymentPayload(n: number, extra: Record<string, unknown> = {}) {
  return {
    type: "deployment",
    uuid: `{44444444-0000-4000-8000-${String(n).padStart(12, "0")}}`,
    state: {
      name: "COMPLETED",
      status: { name: "SUCCESSFUL" },
      started_on: "2024-03-02T09:00:00.123456Z",
      completed_on: "2024-03-02T09:05:00.123Z",
      deployer: accountPayload(5),
      url: "https://bitbucket.org/acme/web/CANARY-STATE-URL",
    },
    environment: { uuid: environmentPayload(1).uuid, name: "CANARY-ENVIRONMENT-NAME-1" },
    release: {
      uuid: `{55555555-0000-4000-8000-${String(n).padStart(12, "0")}}`,
      name: `CANARY-RELEASE-NAME-${n}`,
      url: "https://bitbucket.org/acme/web/CANARY-RELEASE-URL",
      commit: { hash: "fedcba9876543210fedcba9876543210fedcba98" },
      created_on: "2024-03-02T08:59:00Z",
      pipeline: { type: "pipeline", uuid: pipelineUuid(n) },
    },
    step: { uuid: "{66666666-0000-4000-8000-000000000001}" },
    last_update_time: "2024-03-02T09:05:00.123456Z",
    ...extra,
  };
}
