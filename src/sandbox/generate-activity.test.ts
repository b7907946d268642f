import { describe, expect, it } from "vitest";
import { compareFeed, listActivity, pullRequestActivity } from "./activity.ts";
import { generateWorkspace } from "./generate.ts";
import { claimMillisecond } from "./generate-activity.ts";
import { listPullRequests, requireRepository } from "./pull-requests.ts";
import { parseIsoMicros } from "./timestamps.ts";

const model = generateWorkspace({ seed: 44, repositories: 2, pullRequestsPerRepository: 300 });
const repo = requireRepository(model, "repo-001");
const prs = listPullRequests(model, "repo-001");
const micros = (text: string | null) => parseIsoMicros(text ?? "") ?? Number.NaN;

describe("generated pull request activity", () => {
  it("opens with an OPEN update by the author at created_on and stays within the pull request's lifetime", () => {
    for (const pr of prs) {
      const entries = pullRequestActivity(model, repo, pr.id) ?? [];
      expect(entries[0]).toMatchObject({
        kind: "update",
        state: "OPEN",
        person: pr.author,
        micros: micros(pr.createdOn),
      });
      for (const entry of entries) {
        expect(entry.pullRequestId).toBe(pr.id);
        expect(entry.micros).toBeGreaterThanOrEqual(micros(pr.createdOn));
        expect(entry.micros).toBeLessThanOrEqual(micros(pr.updatedOn));
      }
    }
  });

  it("has one approval or change request per participant in that state, at participated_on", () => {
    for (const pr of prs) {
      const entries = pullRequestActivity(model, repo, pr.id) ?? [];
      const reviews = entries
        .filter((e) => e.kind === "approval" || e.kind === "changes_requested")
        .map((e) => `${e.kind}:${e.person}:${e.micros}`);
      const expected = pr.participants
        .filter((p) => p.state !== null)
        .map((p) => `${p.state === "approved" ? "approval" : p.state}:${p.person}:${micros(p.participatedOn)}`);
      expect(reviews.sort()).toEqual(expected.sort());
    }
  });

  it("has comment_count comments by the author or participants, with distinct ids", () => {
    for (const pr of prs) {
      const comments = (pullRequestActivity(model, repo, pr.id) ?? []).filter((e) => e.kind === "comment");
      expect(comments).toHaveLength(pr.commentCount);
      const people = [pr.author, ...pr.participants.map((p) => p.person)];
      for (const c of comments) expect(people).toContain(c.person);
      expect(new Set(comments.map((c) => c.commentId)).size).toBe(comments.length);
    }
  });

  it("closes merged and declined pull requests with an update by closed_by at updated_on", () => {
    for (const pr of prs) {
      const updates = (pullRequestActivity(model, repo, pr.id) ?? []).filter((e) => e.kind === "update");
      const closing = updates.filter((e) => e.state !== "OPEN");
      if (pr.state === "MERGED" || pr.state === "DECLINED") {
        expect(closing).toEqual([
          expect.objectContaining({ state: pr.state, person: pr.closedBy, micros: micros(pr.updatedOn) }),
        ]);
      } else {
        expect(closing).toEqual([]);
      }
    }
  });

  it("records pushes as OPEN updates with a new source commit, ending at the pull request's", () => {
    let pushes = 0;
    for (const pr of prs) {
      const updates = (pullRequestActivity(model, repo, pr.id) ?? []).filter((e) => e.kind === "update");
      const commits = updates.filter((e) => e.state === "OPEN").map((e) => e.sourceCommit);
      expect(new Set(commits).size).toBe(commits.length);
      expect(commits.at(-1)).toBe(pr.sourceCommit);
      pushes += commits.length - 1;
    }
    expect(pushes).toBeGreaterThan(prs.length / 4);
  });

  it("never gives one person two entries of a kind in the same millisecond of a pull request", () => {
    for (const pr of prs) {
      const keys = (pullRequestActivity(model, repo, pr.id) ?? []).map(
        (e) => `${e.kind}:${e.person}:${Math.floor(e.micros / 1000)}`,
      );
      expect(new Set(keys).size).toBe(keys.length);
    }
  });

  it("moves a drawn time to the nearest free millisecond within the pull request's lifetime", () => {
    const used = new Set([5, 6, 9]);
    expect(claimMillisecond(used, 5_500, 0, 10_000)).toBe(4_500);
    expect(claimMillisecond(used, 5_500, 0, 10_000)).toBe(7_500);
    expect(claimMillisecond(used, 9_000, 9_000, 10_000)).toBe(10_000);
    expect([...used].sort((a, b) => a - b)).toEqual([4, 5, 6, 7, 9, 10]);
  });

  it("feeds every entry of the repository newest first, and nothing for a missing pull request", () => {
    const feed = listActivity(model, "repo-001");
    const total = prs.reduce((sum, pr) => sum + (pullRequestActivity(model, repo, pr.id)?.length ?? 0), 0);
    expect(feed).toHaveLength(total);
    for (let i = 1; i < feed.length; i++) expect(compareFeed(feed[i - 1] as never, feed[i] as never)).toBeLessThan(0);
    expect(new Set(feed.map((e) => e.kind))).toEqual(new Set(["update", "approval", "changes_requested", "comment"]));
    expect(pullRequestActivity(model, repo, 301)).toBeUndefined();
  });
});
