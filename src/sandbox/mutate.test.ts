import { describe, expect, it } from "vitest";
import { generateWorkspace } from "./generate.ts";
import { addPullRequest, now, setClock, touchPullRequest } from "./mutate.ts";
import { findPullRequest, listPullRequests, pullRequestCount, requireRepository } from "./pull-requests.ts";

function fresh() {
  return generateWorkspace({ seed: 8, repositories: 2, pullRequestsPerRepository: 20 });
}

describe("touchPullRequest", () => {
  it("moves updated_on to the given time and records one more approval", () => {
    const model = fresh();
    const before = findPullRequest(model, "repo-001", 3);
    const at = new Date("2026-06-02T10:00:00.000Z");
    const after = touchPullRequest(model, "repo-001", 3, at);
    expect(after.updatedOn).toBe("2026-06-02T10:00:00.000000+00:00");
    const approvals = (pr: typeof after | undefined) => pr?.participants.filter((p) => p.approved).length ?? 0;
    const extraComment = (after.commentCount ?? 0) - (before?.commentCount ?? 0);
    expect(approvals(after) - approvals(before) + extraComment).toBe(1);
    expect(findPullRequest(model, "repo-001", 3)).toEqual(after);
    expect(model.revision).toBe(1);
  });

  it("closes a pull request as merged with a merge commit and closed_by", () => {
    const model = fresh();
    const open = listPullRequests(model, "repo-001").find((pr) => pr.state === "OPEN");
    if (!open) throw new Error("the fixture has an open pull request in repo-001");
    const merged = touchPullRequest(model, "repo-001", open.id, new Date("2026-06-03T00:00:00Z"), { state: "MERGED" });
    expect(merged.state).toBe("MERGED");
    expect(merged.mergeCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(merged.closedBy).not.toBeNull();
  });

  it("refuses to move updated_on backwards", () => {
    const model = fresh();
    expect(() => touchPullRequest(model, "repo-001", 1, new Date("2020-01-01T00:00:00Z"))).toThrow(/forward/);
    expect(model.revision).toBe(0);
  });

  it("keeps updated_on distinct when two pull requests are touched at the same instant", () => {
    const model = fresh();
    const at = new Date("2026-06-02T10:00:00.000Z");
    const first = touchPullRequest(model, "repo-001", 1, at);
    const second = touchPullRequest(model, "repo-001", 2, at);
    expect(second.updatedOn).not.toBe(first.updatedOn);
    expect(second.updatedOn).toBe("2026-06-02T10:00:00.000001+00:00");
  });

  it("uses the model clock when no time is given", () => {
    const model = fresh();
    setClock(model, new Date("2026-07-01T00:00:00.000Z"));
    expect(now(model).toISOString()).toBe("2026-07-01T00:00:00.000Z");
    expect(touchPullRequest(model, "repo-002", 5).updatedOn).toBe("2026-07-01T00:00:00.000000+00:00");
  });
});

describe("addPullRequest", () => {
  it("opens the next id with no activity, leaving other repositories alone", () => {
    const model = fresh();
    const pr = addPullRequest(model, "repo-001", new Date("2026-06-05T00:00:00Z"));
    expect(pr.id).toBe(21);
    expect(pr.state).toBe("OPEN");
    expect(pr.createdOn).toBe("2026-06-05T00:00:00.000000+00:00");
    expect(pr.participants.every((p) => !p.approved && p.participatedOn === null)).toBe(true);
    expect(pullRequestCount(requireRepository(model, "repo-001"))).toBe(21);
    expect(pullRequestCount(requireRepository(model, "repo-002"))).toBe(20);
    expect(listPullRequests(model, "repo-001").at(-1)).toEqual(pr);
  });

  it("keeps the model serialisable and repeatable", () => {
    const a = fresh();
    const b = fresh();
    for (const model of [a, b]) {
      addPullRequest(model, "repo-002", new Date("2026-06-05T00:00:00Z"));
      touchPullRequest(model, "repo-002", 21, new Date("2026-06-06T00:00:00Z"));
    }
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });
});
