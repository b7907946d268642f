import { describe, expect, it } from "vitest";
import type { PipelineRow } from "./crawl-rows.ts";
import type { PullRequestRow, RepositoryRow } from "./rows.ts";
import { openMemoryStore } from "./store.ts";

const repo: RepositoryRow = {
  uuid: "{r1}",
  workspace: "ws",
  slug: "repo-1",
  projectKey: "PRJ",
  projectUuid: "{p1}",
  isPrivate: true,
  createdOn: "2025-01-01T00:00:00.000Z",
  updatedOn: "2025-02-01T00:00:00.000Z",
  mainBranchCategory: "main",
  language: "typescript",
  size: 1234,
};

const author = "a".repeat(24);
const reviewer = "r".repeat(24);

const pr: PullRequestRow = {
  repoUuid: "{r1}",
  id: 7,
  state: "MERGED",
  draft: false,
  createdOn: "2025-01-02T00:00:00.000Z",
  updatedOn: "2025-01-05T00:00:00.000Z",
  authorKey: author,
  closedByKey: null,
  sourceBranchCategory: "feature",
  sourceBranchKey: null,
  destinationBranchCategory: "main",
  destinationBranchKey: null,
  mergeCommit: null,
  commentCount: 1,
  taskCount: 0,
  participants: [],
};

const pipeline = (overrides: Partial<PipelineRow> = {}): PipelineRow => ({
  uuid: "{p-1}",
  repoUuid: "{r1}",
  buildNumber: 1,
  state: "COMPLETED",
  stage: null,
  result: "SUCCESSFUL",
  createdOn: "2025-01-03T00:00:00.000Z",
  completedOn: "2025-01-03T00:05:00.000Z",
  durationSeconds: 300,
  buildSecondsUsed: 280,
  trigger: "PUSH",
  targetType: "pipeline_ref_target",
  refType: "branch",
  targetBranchCategory: "main",
  targetBranchKey: "k".repeat(24),
  selectorType: "branches",
  prId: null,
  commit: "abcdef012345",
  creatorKey: author,
  ...overrides,
});

function storeWithPullRequest() {
  const store = openMemoryStore();
  store.repositories.upsert(repo, 1);
  store.pullRequests.upsert(pr, 1);
  return store;
}

describe("pull request events", () => {
  it("stores the same entry read twice as one row, also for a deleted account", () => {
    const store = storeWithPullRequest();
    const event = {
      repoUuid: "{r1}",
      prId: 7,
      kind: "comment",
      occurredOn: "2025-01-03T00:00:00.000Z",
      state: null,
    } as const;
    expect(store.prEvents.insert({ ...event, actorKey: reviewer }, 2)).toBe(1);
    expect(store.prEvents.insert({ ...event, actorKey: reviewer }, 3)).toBe(0);
    expect(store.prEvents.insert({ ...event, actorKey: null }, 2)).toBe(1);
    expect(store.prEvents.insert({ ...event, actorKey: null }, 3)).toBe(0);
    expect(store.prEvents.count("{r1}")).toBe(2);
  });

  it("derives merged, first review and first approval times, ignoring the author's own comments", () => {
    const store = storeWithPullRequest();
    const at = (day: number) => `2025-01-0${day}T00:00:00.000Z`;
    const base = { repoUuid: "{r1}", prId: 7, state: null };
    store.prEvents.insert({ ...base, kind: "comment", occurredOn: at(2), actorKey: author }, 2);
    store.prEvents.insert({ ...base, kind: "comment", occurredOn: at(3), actorKey: reviewer }, 2);
    store.prEvents.insert({ ...base, kind: "approval", occurredOn: at(4), actorKey: reviewer }, 2);
    store.prEvents.insert({ ...base, kind: "state_change", state: "MERGED", occurredOn: at(5), actorKey: author }, 2);
    expect(store.prEvents.updateDerived("{r1}", 7, 2)).toBe(1);
    expect(store.prEvents.updateDerived("{r1}", 7, 3)).toBe(0);
    expect(store.prEvents.derivedTimes("{r1}", 7)).toEqual({
      mergedOn: at(5),
      declinedOn: null,
      firstReviewOn: at(3),
      firstApprovalOn: at(4),
    });
  });

  it("lists a pull request as pending until its activity is marked read at its current updated_on", () => {
    const store = storeWithPullRequest();
    expect(store.prEvents.pendingActivity("{r1}").map((p) => p.id)).toEqual([7]);
    store.prEvents.markActivitySynced("{r1}", 7);
    expect(store.prEvents.pendingActivity("{r1}")).toEqual([]);
    store.pullRequests.upsert({ ...pr, updatedOn: "2025-01-06T00:00:00.000Z" }, 2);
    expect(store.prEvents.pendingActivity("{r1}").map((p) => p.id)).toEqual([7]);
    store.prEvents.markActivitySynced("{r1}");
    expect(store.prEvents.pendingActivity("{r1}")).toEqual([]);
  });
});

describe("pipelines", () => {
  it("changes nothing when the same pipeline is written again and reports unfinished runs", () => {
    const store = storeWithPullRequest();
    expect(store.pipelines.upsert(pipeline({ state: "IN_PROGRESS", result: null }), 1)).toBe(1);
    expect(store.pipelines.upsert(pipeline({ state: "IN_PROGRESS", result: null }), 2)).toBe(0);
    expect(store.pipelines.unfinished("{r1}", null)).toEqual(["{p-1}"]);
    expect(store.pipelines.unfinished("{r1}", "2025-02-01T00:00:00.000Z")).toEqual([]);
    expect(store.pipelines.upsert(pipeline(), 3)).toBe(1);
    expect(store.pipelines.unfinished("{r1}", null)).toEqual([]);
  });

  it("lists completed pipelines without steps, newest first, after a baseline, until marked", () => {
    const store = storeWithPullRequest();
    store.pipelines.upsert(pipeline({ uuid: "{a}", createdOn: "2025-01-01T00:00:00.000Z" }), 1);
    store.pipelines.upsert(pipeline({ uuid: "{b}", createdOn: "2025-01-02T00:00:00.000Z" }), 1);
    store.pipelines.upsert(pipeline({ uuid: "{c}", createdOn: "2025-01-03T00:00:00.000Z", state: "PENDING" }), 1);
    const all = { since: null, after: null, limit: 10 };
    expect(store.pipelines.pendingSteps("{r1}", all)).toEqual(["{b}", "{a}"]);
    expect(store.pipelines.pendingSteps("{r1}", { ...all, after: "2025-01-01T00:00:00.000Z" })).toEqual(["{b}"]);
    store.pipelines.markStepsSynced("{b}", "2025-01-04T00:00:00.000Z");
    expect(store.pipelines.pendingSteps("{r1}", all)).toEqual(["{a}"]);
  });
});

describe("repository flags", () => {
  it("writes a repeated yes once and records every recheck of a no", () => {
    const store = storeWithPullRequest();
    expect(store.flags.pipelines("{r1}")).toEqual({ pipelines: "unknown", checkedOn: null });
    expect(store.flags.setPipelines("{r1}", "yes", "2025-01-01T00:00:00.000Z", 1)).toBe(1);
    expect(store.flags.setPipelines("{r1}", "yes", "2025-01-02T00:00:00.000Z", 2)).toBe(0);
    expect(store.flags.setPipelines("{r1}", "no", "2025-01-03T00:00:00.000Z", 3)).toBe(1);
    expect(store.flags.setPipelines("{r1}", "no", "2025-01-10T00:00:00.000Z", 4)).toBe(1);
    expect(store.flags.pipelines("{r1}")).toEqual({ pipelines: "no", checkedOn: "2025-01-10T00:00:00.000Z" });
  });
});

describe("request ledger", () => {
  it("sums the requests of one credential from a time on and forgets buckets older than a day", () => {
    const store = openMemoryStore();
    const hour = 60 * 60 * 1000;
    store.requestLedger.add("oauth:ws", 0, 5);
    store.requestLedger.add("oauth:ws", hour, 7);
    store.requestLedger.add("env-token:ws", hour, 100);
    expect(store.requestLedger.usedSince("oauth:ws", 0)).toBe(12);
    expect(store.requestLedger.usedSince("oauth:ws", hour)).toBe(7);
    store.requestLedger.add("oauth:ws", 26 * hour, 1);
    expect(store.requestLedger.usedSince("oauth:ws", 0)).toBe(1);
  });
});
