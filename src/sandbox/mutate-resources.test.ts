import { describe, expect, it } from "vitest";
import { listActivity, pullRequestActivity } from "./activity.ts";
import { listCommits } from "./commits.ts";
import { listDeployments } from "./deployments.ts";
import { expectedCounts } from "./expected-counts.ts";
import { generateWorkspace } from "./generate.ts";
import { deriveBranches } from "./generate-branches.ts";
import { addPullRequest, setClock, touchPullRequest } from "./mutate.ts";
import { addCommit } from "./mutate-commits.ts";
import { addPipeline, completePipeline } from "./mutate-pipelines.ts";
import { findPipeline, listPipelines } from "./pipelines.ts";
import { requireRepository } from "./pull-requests.ts";

const AT = new Date("2026-06-02T10:00:00.000Z");

function fresh() {
  return generateWorkspace({ seed: 8, repositories: 2, pullRequestsPerRepository: 20, pipelinesPerRepository: 40 });
}

describe("activity of touched pull requests", () => {
  it("shows the approval a touch records, at the new updated_on, on top of the generated entries", () => {
    const model = fresh();
    const repo = requireRepository(model, "repo-001");
    const before = pullRequestActivity(model, repo, 3) ?? [];
    const touched = touchPullRequest(model, "repo-001", 3, AT);
    const after = pullRequestActivity(model, repo, 3) ?? [];
    expect(after.slice(0, before.length)).toEqual(before);
    const added = after.slice(before.length);
    expect(added).toHaveLength(1);
    const approver = touched.participants.find((p) => p.participatedOn === touched.updatedOn);
    // With 12 people someone has always not approved yet, so a touch records an approval.
    expect(added[0]).toMatchObject({ kind: "approval", person: approver?.person, micros: AT.getTime() * 1000 });
    expect(listActivity(model, "repo-001")[0]).toEqual(added[0]);
  });

  it("shows a MERGED update by closed_by when a touch merges, and only the opening update for an added pull request", () => {
    const model = fresh();
    const repo = requireRepository(model, "repo-001");
    const pr = addPullRequest(model, "repo-001", AT);
    expect(pullRequestActivity(model, repo, pr.id)).toEqual([
      expect.objectContaining({ kind: "update", state: "OPEN", person: pr.author, sourceCommit: pr.sourceCommit }),
    ]);
    const merged = touchPullRequest(model, "repo-001", pr.id, new Date("2026-06-03T00:00:00Z"), { state: "MERGED" });
    expect(pullRequestActivity(model, repo, pr.id)?.at(-1)).toMatchObject({
      kind: "update",
      state: "MERGED",
      person: merged.closedBy,
      micros: Date.parse("2026-06-03T00:00:00Z") * 1000,
    });
  });
});

describe("pipeline mutators", () => {
  it("add a running run after the newest one, then complete it with its steps and deployments", () => {
    const model = fresh();
    const added = addPipeline(model, "repo-001", AT);
    expect(added).toMatchObject({ buildNumber: 41, state: "IN_PROGRESS", stage: "RUNNING", completedMicros: null });
    expect(listPipelines(model, "repo-001").at(-1)).toEqual(added);
    expect(() => addPipeline(model, "repo-001", new Date("2026-01-01T00:00:00Z"))).toThrow(/after run 41/);
    const done = completePipeline(model, "repo-001", added.uuid, new Date("2026-06-02T11:00:00Z"), "FAILED");
    expect(done).toMatchObject({
      state: "COMPLETED",
      result: "FAILED",
      completedMicros: Date.parse("2026-06-02T11:00:00Z") * 1000,
    });
    expect(done.steps.every((s) => s.state === "COMPLETED")).toBe(true);
    expect(done.steps.filter((s) => s.result === "FAILED")).toHaveLength(1);
    expect(findPipeline(model, "repo-001", added.uuid.slice(1, -1).toUpperCase())).toEqual(done);
    expect(() => completePipeline(model, "repo-001", added.uuid, new Date("2026-06-03T00:00:00Z"))).toThrow(
      /completed/,
    );
    expect(model.revision).toBe(2);
  });

  it("complete a generated running run, moving its deployments along", () => {
    const model = fresh();
    const running = listPipelines(model, "repo-002").filter((p) => p.state !== "COMPLETED");
    const [first] = running;
    if (!first) throw new Error("the fixture has a running pipeline in repo-002");
    const done = completePipeline(model, "repo-002", first.uuid, AT);
    expect(done.steps.map((s) => s.result)).toEqual(done.steps.map(() => "SUCCESSFUL"));
    for (const deployment of listDeployments(model, "repo-002").filter((d) => d.pipeline.uuid === first.uuid)) {
      expect(deployment.step.state).toBe("COMPLETED");
    }
    expect(expectedCounts(model, "repo-002").runningPipelines).toBe(running.length - 1);
  });

  it("refuse a repository without Pipelines", () => {
    const model = generateWorkspace({ seed: 1, repositories: 1, pullRequestsPerRepository: 1, withoutPipelines: 1 });
    expect(() => addPipeline(model, "repo-001", AT)).toThrow(/no Pipelines/);
  });
});

describe("addCommit", () => {
  it("puts a commit on top of the main branch, whose branch then points at it", () => {
    const model = fresh();
    const head = listCommits(model, "repo-001")[0];
    setClock(model, AT);
    const commit = addCommit(model, "repo-001");
    expect(commit.parents).toEqual([head?.hash]);
    expect(listCommits(model, "repo-001")[0]).toEqual(commit);
    expect(deriveBranches(model, requireRepository(model, "repo-001"))[0]?.target).toEqual(commit);
    expect(expectedCounts(model, "repo-001").commitsSince(AT)).toBe(1);
    expect(() => addCommit(model, "repo-001", new Date("2020-01-01T00:00:00Z"))).toThrow(/later than the head/);
  });

  it("keeps the model serialisable and repeatable", () => {
    const [a, b] = [fresh(), fresh()];
    for (const model of [a, b]) {
      addCommit(model, "repo-002", AT);
      addPipeline(model, "repo-002", AT, { state: "COMPLETED", result: "STOPPED" });
      touchPullRequest(model, "repo-002", 4, AT);
    }
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});

describe("expectedCounts", () => {
  it("counts every resource of a repository, and those since a date", () => {
    const model = fresh();
    const counts = expectedCounts(model, "repo-001");
    expect(counts).toMatchObject({ pullRequests: 20, pipelines: 40, commits: 60, pipelinesUnavailable: null });
    expect(counts.activityEntries).toBe(listActivity(model, "repo-001").length);
    expect(counts.deployments).toBe(listDeployments(model, "repo-001").length);
    expect(counts.steps).toBeGreaterThanOrEqual(40);
    expect(counts.pipelinesSince(new Date(0))).toBe(40);
    expect(counts.pipelinesSince(AT)).toBe(0);
    expect(counts.commitsSince(new Date("2025-06-01T00:00:00Z"))).toBeLessThan(40);
    expect(counts.staleBranches).toBe(counts.staleBranchesAt(new Date(model.now)));
    expect(counts.branches).toBe(deriveBranches(model, requireRepository(model, "repo-001")).length);
  });
});
