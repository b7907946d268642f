/**
 * The steps of a pipeline run, consistent with its state: a failed or stopped run ends at one step
 * and the later ones are NOT_RUN; a running run has one step IN_PROGRESS and the later ones PENDING
 * (or, when paused, waits at a manual step); a pending run has not started any step.
 */
import type { PipelineStatus } from "./generate-pipeline.ts";
import type { SandboxStep } from "./model-resources.ts";
import { type Random, randomUuid } from "./random.ts";
import { MICROS } from "./timestamps.ts";

type Outcome = Pick<SandboxStep, "state" | "result"> & { ran: "done" | "running" | "no" };

/** Draws one step per entry of `environments` (the environment index a step deploys to, or null). */
export function drawSteps(
  random: Random,
  createdMicros: number,
  status: PipelineStatus,
  environments: ReadonlyArray<number | null>,
): SandboxStep[] {
  // The step the run stopped at (failed, stopped) or is at (running).
  const at = random.int(0, environments.length - 1);
  // Running runs started minutes ago, so their steps are short enough to stay in the past.
  const [shortest, longest] = status.state === "COMPLETED" ? [20, 600] : [2, 15];
  let clock = createdMicros + random.int(1, status.state === "COMPLETED" ? 60 : 5) * MICROS.second;
  return environments.map((environment, i) => {
    const uuid = randomUuid(random);
    const duration = random.int(shortest, longest) * MICROS.second + random.int(0, MICROS.second - 1);
    const gap = random.int(1, 3) * MICROS.second;
    const deploymentUuid = environment === null ? null : randomUuid(random);
    const outcome = outcomeOf(status, i, at);
    const startedMicros = outcome.ran === "no" ? null : clock;
    const completedMicros = outcome.ran === "done" ? clock + duration : null;
    if (completedMicros !== null) clock = completedMicros + gap;
    return {
      uuid,
      state: outcome.state,
      result: outcome.result,
      startedMicros,
      completedMicros,
      environment,
      deploymentUuid,
    };
  });
}

function outcomeOf(status: PipelineStatus, i: number, at: number): Outcome {
  const done = (result: SandboxStep["result"]): Outcome => ({ state: "COMPLETED", result, ran: "done" });
  const pending: Outcome = { state: "PENDING", result: null, ran: "no" };
  const notRun: Outcome = { state: "COMPLETED", result: "NOT_RUN", ran: "no" };
  if (status.state === "PENDING") return pending;
  if (status.state === "IN_PROGRESS") {
    if (i < at) return done("SUCCESSFUL");
    // A paused run waits at a manual step that has not started.
    if (i === at && status.stage !== "PAUSED") return { state: "IN_PROGRESS", result: null, ran: "running" };
    return pending;
  }
  switch (status.result) {
    case "FAILED":
    case "ERROR":
    case "STOPPED":
      return i < at ? done("SUCCESSFUL") : i === at ? done(status.result) : notRun;
    case "EXPIRED":
      // The run expired in the queue: nothing ran.
      return i === 0 ? { state: "COMPLETED", result: "EXPIRED", ran: "no" } : notRun;
    default:
      return done("SUCCESSFUL");
  }
}

/**
 * Completes the unfinished steps of `steps` by `atMicros` with `result` (SUCCESSFUL: every step;
 * otherwise the first unfinished step gets the result and the later ones NOT_RUN), spreading their
 * times between the last finished step and `atMicros`. Returns new steps.
 */
export function completeSteps(
  steps: readonly SandboxStep[],
  createdMicros: number,
  atMicros: number,
  result: NonNullable<SandboxStep["result"]>,
): SandboxStep[] {
  const open = steps.filter((s) => s.state !== "COMPLETED").length;
  const finished = steps.map((s) => s.completedMicros ?? 0);
  let clock = Math.max(createdMicros, ...finished);
  const share = Math.max(1, Math.floor((atMicros - clock) / (open + 1)));
  let failed = false;
  return steps.map((step) => {
    if (step.state === "COMPLETED") return step;
    if (failed) return { ...step, state: "COMPLETED", result: "NOT_RUN", startedMicros: null, completedMicros: null };
    const startedMicros = step.startedMicros ?? clock;
    clock = Math.max(startedMicros, clock) + share;
    failed = result !== "SUCCESSFUL";
    return { ...step, state: "COMPLETED", result, startedMicros, completedMicros: Math.min(clock, atMicros) };
  });
}
