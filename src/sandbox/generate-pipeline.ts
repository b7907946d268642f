/**
 * Derives one pipeline run from (seed, repository, build number) alone, like pull requests, so a
 * repository of 2,000 runs costs nothing until it is served. Build numbers grow with created_on;
 * runs spread over the two years before generation, and the newest one to three are still
 * PENDING or IN_PROGRESS (completed_on absent), as a crawl sees on a busy repository.
 */
import { canary } from "./canary.ts";
import { drawSteps } from "./generate-pipeline-steps.ts";
import { derivePullRequest } from "./generate-pull-request.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { PipelineResult, PipelineStateName, SandboxPipeline, SandboxPipelineTarget } from "./model-resources.ts";
import { createRandom, mixSeed, type Random, randomUuid } from "./random.ts";
import { MICROS, parseIsoMicros } from "./timestamps.ts";

/** The state a run is in. */
export interface PipelineStatus {
  state: PipelineStateName;
  stage: "RUNNING" | "PAUSED" | null;
  result: PipelineResult | null;
}

const HISTORY = 730 * MICROS.day;
const PREFIXES = ["feature/", "feature/", "bugfix/", "hotfix/", "release/", ""] as const;

/** Generated run `buildNumber` (1..repo.generatedPipelines). */
export function derivePipeline(model: SandboxModel, repo: SandboxRepository, buildNumber: number): SandboxPipeline {
  const random = pipelineStream(model, repo, buildNumber);
  const anchor = parseIsoMicros(model.generatedAt) ?? 0;
  const total = repo.generatedPipelines;
  const fromEnd = total - buildNumber;
  const running = fromEnd < runningCount(model, repo);
  // Completed runs end at least an hour before generation; running ones started in the last 15 minutes.
  const slot = (HISTORY - MICROS.hour) / Math.max(1, total);
  const created = running
    ? anchor - (fromEnd + 1) * 5 * MICROS.minute + random.int(0, 3 * MICROS.minute)
    : Math.floor(anchor - HISTORY + (buildNumber - 1 + random.next()) * slot);
  const status = running ? drawRunning(random) : drawCompleted(random);
  return drawPipeline(random, model, repo, { buildNumber, createdMicros: created, status });
}

/** The independent random stream of one run (`salt` 1 for runs added after generation). */
export function pipelineStream(model: SandboxModel, repo: SandboxRepository, buildNumber: number, salt = 0): Random {
  return createRandom(mixSeed(model.seed, 20, repo.index, buildNumber, salt));
}

/** What is fixed before the rest of a run is drawn. */
export interface PipelineFrame {
  buildNumber: number;
  createdMicros: number;
  status: PipelineStatus;
}

/** Draws everything but the build number, creation time and state; used for added runs too. */
export function drawPipeline(
  random: Random,
  model: SandboxModel,
  repo: SandboxRepository,
  frame: PipelineFrame,
): SandboxPipeline {
  const { buildNumber, createdMicros, status } = frame;
  const uuid = randomUuid(random);
  const nanos = random.chance(0.5) ? random.int(1, 999) : 0;
  const { trigger, target } = drawTarget(random, model, repo, frame);
  const creator = random.int(0, model.people.length - 1);
  const labels = [`r${repo.index + 1}`, `b${buildNumber}`] as const;
  const steps = drawSteps(random, createdMicros, status, deployingEnvironments(random, repo, trigger, target));
  const lastEnd = Math.max(createdMicros, ...steps.map((s) => s.completedMicros ?? 0));
  const completedMicros = lastEnd + random.int(1, 3) * MICROS.second + random.int(0, MICROS.second - 1);
  return {
    uuid,
    buildNumber,
    runNumber: random.chance(0.05) ? 2 : 1,
    createdMicros,
    completedMicros: status.state === "COMPLETED" ? completedMicros : null,
    nanos,
    ...status,
    trigger,
    target,
    // Scheduled runs have no creator.
    creator: trigger === "SCHEDULE" ? null : creator,
    variables:
      trigger === "MANUAL" ? [{ key: canary("variable-key", ...labels), value: canary("variable", ...labels) }] : [],
    steps,
  };
}

/** How many of the newest generated runs are still running (one to three when there are two or more runs). */
export function runningCount(model: SandboxModel, repo: SandboxRepository): number {
  const total = repo.generatedPipelines;
  if (total < 2) return 0;
  return Math.min(createRandom(mixSeed(model.seed, 21, repo.index)).int(1, 3), Math.floor(total / 2));
}

function drawRunning(random: Random): PipelineStatus {
  if (random.chance(0.3)) return { state: "PENDING", stage: null, result: null };
  return { state: "IN_PROGRESS", stage: random.chance(0.2) ? "PAUSED" : "RUNNING", result: null };
}

function drawCompleted(random: Random): PipelineStatus {
  const roll = random.next();
  const result: PipelineResult =
    roll < 0.75 ? "SUCCESSFUL" : roll < 0.9 ? "FAILED" : roll < 0.93 ? "ERROR" : roll < 0.98 ? "STOPPED" : "EXPIRED";
  return { state: "COMPLETED", stage: null, result };
}

interface Drawn {
  trigger: SandboxPipeline["trigger"];
  target: SandboxPipelineTarget;
}

function drawTarget(random: Random, model: SandboxModel, repo: SandboxRepository, frame: PipelineFrame): Drawn {
  const labels = [`r${repo.index + 1}`, `b${frame.buildNumber}`] as const;
  // The same draws whichever kind of target comes out.
  const kind = random.next();
  const branchRoll = random.next();
  const selectorRoll = random.next();
  const pullRequestRoll = random.next();
  const commitRoll = random.next();
  const commit = random.hex(40);
  const prefix = random.pick(PREFIXES);
  const topic = `${prefix}${canary("branch", ...labels)}`;
  const develop = repo.developmentBranch;
  const branch = branchRoll < 0.45 ? repo.mainBranch : branchRoll < 0.65 && develop !== null ? develop : topic;
  const ref = (selectorType: SandboxPipelineTarget["selectorType"], pattern: string | null, refName = branch) => ({
    type: "pipeline_ref_target" as const,
    refType: "branch" as const,
    refName,
    destination: null,
    pullRequestId: null,
    commit,
    selectorType,
    selectorPattern: pattern,
  });
  const custom = `Deploy ${canary("custom-pipeline", ...labels)}`;
  if (kind < 0.2 && repo.generatedPullRequests > 0) {
    return { trigger: "PUSH", target: pullRequestTarget(model, repo, frame, pullRequestRoll, commit) };
  }
  if (kind < 0.3) {
    const tag = `v1.${frame.buildNumber}.0-${canary("tag", ...labels)}`;
    return { trigger: "PUSH", target: { ...ref("tags", "v*", tag), refType: "tag" } };
  }
  if (kind < 0.43) {
    if (commitRoll >= 0.3) return { trigger: "MANUAL", target: ref("custom", custom) };
    const onCommit = {
      ...ref("custom", custom),
      type: "pipeline_commit_target" as const,
      refType: null,
      refName: null,
    };
    return { trigger: "MANUAL", target: onCommit };
  }
  if (kind < 0.53) return { trigger: "SCHEDULE", target: ref("custom", custom, repo.mainBranch) };
  if (selectorRoll < 0.4) return { trigger: "PUSH", target: ref("default", null) };
  const pattern = branch === topic ? (prefix === "" ? "**" : `${prefix}*`) : branch;
  return { trigger: "PUSH", target: ref("branches", pattern) };
}

/**
 * A pull request run's target. Pull request ids grow with created_on over the same two years, so
 * the run picks one of the pull requests opened just before it, and runs on its branches.
 */
function pullRequestTarget(
  model: SandboxModel,
  repo: SandboxRepository,
  frame: PipelineFrame,
  roll: number,
  commit: string,
): SandboxPipelineTarget {
  const count = repo.generatedPullRequests;
  const start = (parseIsoMicros(model.generatedAt) ?? 0) - HISTORY;
  const latest = Math.floor(((frame.createdMicros - start) / HISTORY) * count) + 1;
  const id = Math.min(count, Math.max(1, latest - Math.floor(roll * 3)));
  const pr = derivePullRequest(model, repo, id);
  return {
    type: "pipeline_pullrequest_target",
    refType: null,
    refName: pr.sourceBranch,
    destination: pr.destinationBranch,
    pullRequestId: id,
    commit,
    selectorType: "pull-requests",
    selectorPattern: "**",
  };
}

/**
 * The environment (index) each step deploys to, or null. Pushes to the main branch deploy through
 * Test, Staging and Production (the last steps), pushes to the development branch to Test.
 */
function deployingEnvironments(
  random: Random,
  repo: SandboxRepository,
  trigger: SandboxPipeline["trigger"],
  target: SandboxPipelineTarget,
): Array<number | null> {
  const count = random.int(1, 4);
  const deploys = random.chance(0.7);
  const steps: Array<number | null> = Array.from({ length: count }, () => null);
  if (!deploys || count < 2 || trigger !== "PUSH" || target.refType !== "branch") return steps;
  if (target.refName === repo.mainBranch) return steps.map((_, i) => (i === 0 ? null : 3 - count + i));
  if (target.refName === repo.developmentBranch) steps[1] = 0;
  return steps;
}
