import { describe, expect, it } from "vitest";
import { CANARY } from "./canary.ts";
import { listDeployments, listEnvironments } from "./deployments.ts";
import { generateWorkspace } from "./generate.ts";
import type { SandboxModel } from "./model.ts";
import type { SandboxPipeline } from "./model-resources.ts";
import { listPipelines } from "./pipelines.ts";
import { listPullRequests } from "./pull-requests.ts";
import { MICROS, parseIsoMicros } from "./timestamps.ts";

const UUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/;

function workspace(seed = 31, repositories = 6): SandboxModel {
  return generateWorkspace({ seed, repositories, pullRequestsPerRepository: 40, pipelinesPerRepository: 200 });
}

function allPipelines(model: SandboxModel): SandboxPipeline[] {
  return model.repositories.flatMap((repo) => listPipelines(model, repo.slug));
}

describe("generated pipelines", () => {
  it("are identical for the same seed and do not depend on the other repositories", () => {
    const small = workspace(5, 2);
    expect(JSON.stringify(listPipelines(small, "repo-002"))).toBe(
      JSON.stringify(listPipelines(workspace(5, 2), "repo-002")),
    );
    expect(listPipelines(workspace(5, 9), "repo-002")).toEqual(listPipelines(small, "repo-002"));
  });

  it("leave the generated pull requests exactly as they were without pipelines", () => {
    const options = { seed: 12, repositories: 2, pullRequestsPerRepository: 30 };
    const plain = generateWorkspace({ ...options, pipelinesPerRepository: 0, commitsPerRepository: 0 });
    const full = generateWorkspace({ ...options, pipelinesPerRepository: 500, commitsPerRepository: 500 });
    expect(JSON.stringify(listPullRequests(full, "repo-002"))).toBe(
      JSON.stringify(listPullRequests(plain, "repo-002")),
    );
  });

  it("number runs in creation order over two years, with one to three newest still running", () => {
    const model = workspace();
    const anchor = parseIsoMicros(model.generatedAt) ?? 0;
    for (const repo of model.repositories) {
      const runs = listPipelines(model, repo.slug);
      expect(runs.map((p) => p.buildNumber)).toEqual(runs.map((_, i) => i + 1));
      for (const [i, run] of runs.entries()) {
        if (i > 0) expect(run.createdMicros).toBeGreaterThan(runs[i - 1]?.createdMicros ?? 0);
        expect(run.completedMicros ?? 0).toBeLessThan(anchor);
      }
      const running = runs.filter((p) => p.state !== "COMPLETED");
      expect(running.length).toBeGreaterThanOrEqual(1);
      expect(running.length).toBeLessThanOrEqual(3);
      expect(running.map((p) => p.buildNumber)).toEqual(runs.slice(-running.length).map((p) => p.buildNumber));
      for (const run of running) {
        expect(run.completedMicros).toBeNull();
        expect(run.createdMicros).toBeGreaterThan(anchor - 20 * MICROS.minute);
      }
      expect(runs[0]?.createdMicros).toBeLessThan(anchor - 700 * MICROS.day);
    }
  });

  it("have one to four steps whose states follow the run's state and result", () => {
    const runs = allPipelines(workspace());
    const results = new Set(runs.map((p) => p.result));
    expect(results).toEqual(new Set(["SUCCESSFUL", "FAILED", "ERROR", "STOPPED", "EXPIRED", null]));
    for (const run of runs) {
      expect(run.steps.length).toBeGreaterThanOrEqual(1);
      expect(run.steps.length).toBeLessThanOrEqual(4);
      const states = run.steps.map((s) => (s.result === null ? s.state : `${s.state}:${s.result}`)).join(" ");
      if (run.state === "PENDING") expect(states).toMatch(/^(PENDING ?)+$/);
      if (run.state === "IN_PROGRESS") expect(states).toMatch(/^(COMPLETED:SUCCESSFUL )*(IN_PROGRESS ?)?(PENDING ?)*$/);
      if (run.result === "SUCCESSFUL") expect(states).toMatch(/^(COMPLETED:SUCCESSFUL ?)+$/);
      if (run.result === "FAILED")
        expect(states).toMatch(/^(COMPLETED:SUCCESSFUL )*COMPLETED:FAILED( COMPLETED:NOT_RUN)*$/);
      for (const step of run.steps) {
        if (step.completedMicros !== null) expect(step.completedMicros).toBeGreaterThan(step.startedMicros ?? Infinity);
        if (step.startedMicros !== null) expect(step.startedMicros).toBeGreaterThan(run.createdMicros);
      }
    }
  });

  it("target branches, tags, pull requests and commits, pushed, run by hand and on a schedule", () => {
    const runs = allPipelines(workspace());
    expect(new Set(runs.map((p) => p.target.type))).toEqual(
      new Set(["pipeline_ref_target", "pipeline_pullrequest_target", "pipeline_commit_target"]),
    );
    expect(new Set(runs.map((p) => p.trigger))).toEqual(new Set(["PUSH", "MANUAL", "SCHEDULE"]));
    expect(new Set(runs.map((p) => p.target.selectorType))).toEqual(
      new Set(["branches", "default", "custom", "pull-requests", "tags"]),
    );
    for (const run of runs) {
      expect(run.creator === null).toBe(run.trigger === "SCHEDULE");
      expect(run.target.pullRequestId !== null).toBe(run.target.type === "pipeline_pullrequest_target");
    }
  });

  it("deploy through the repository's environments from pushes to the main or development branch", () => {
    const model = workspace();
    for (const repo of model.repositories) {
      const environments = listEnvironments(model, repo.slug);
      expect(environments.slice(0, 3).map((e) => e.type)).toEqual(["Test", "Staging", "Production"]);
      const deployments = listDeployments(model, repo.slug);
      expect(deployments.length).toBeGreaterThan(0);
      for (const { pipeline, step, environment } of deployments) {
        expect(pipeline.trigger).toBe("PUSH");
        expect([repo.mainBranch, repo.developmentBranch]).toContain(pipeline.target.refName);
        expect(environments).toContainEqual(environment);
        expect(step.deploymentUuid).toMatch(UUID);
      }
      const order = deployments.map((d) => d.pipeline.createdMicros);
      expect(order).toEqual([...order].sort((a, b) => b - a));
    }
  });

  it("leave the chosen fraction of repositories without Pipelines, alternating 404 and 403", () => {
    const model = generateWorkspace({ seed: 3, repositories: 10, pullRequestsPerRepository: 2, withoutPipelines: 0.2 });
    const unavailable = model.repositories.map((r) => r.pipelinesUnavailable);
    expect(unavailable).toEqual([null, null, null, null, 404, null, null, null, null, 403]);
    expect(listPipelines(model, "repo-005")).toEqual([]);
    expect(listEnvironments(model, "repo-010")).toEqual([]);
    expect(listPipelines(model, "repo-004")).toHaveLength(30);
  });

  it("put canaries in names, patterns and variables, never in uuids, hashes or enum values", () => {
    const model = workspace();
    for (const repo of model.repositories) {
      const integration = [repo.mainBranch, repo.developmentBranch];
      for (const run of listPipelines(model, repo.slug)) {
        const { target } = run;
        if (target.refName !== null && !integration.includes(target.refName)) expect(target.refName).toContain(CANARY);
        if (target.selectorType === "custom") expect(target.selectorPattern).toContain(CANARY);
        for (const v of run.variables) expect(`${v.key} ${v.value}`).toMatch(new RegExp(`${CANARY}.* ${CANARY}`));
        const identifiers = [
          run.uuid,
          target.commit,
          run.state,
          run.result,
          run.trigger,
          target.type,
          target.selectorType,
        ];
        for (const value of [...identifiers, ...run.steps.flatMap((s) => [s.uuid, s.state, s.result])]) {
          expect(String(value)).not.toContain(CANARY);
        }
      }
      for (const environment of listEnvironments(model, repo.slug)) {
        expect(environment.name).toContain(CANARY);
        expect(`${environment.uuid} ${environment.slug} ${environment.type}`).not.toContain(CANARY);
      }
    }
  });
});
