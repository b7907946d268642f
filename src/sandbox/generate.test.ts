import { describe, expect, it } from "vitest";
import { CANARY } from "./canary.ts";
import { generateWorkspace } from "./generate.ts";
import { PULL_REQUEST_STATES, type SandboxModel } from "./model.ts";
import { personalIdentifiers } from "./people.ts";
import { listPullRequests, pullRequestTimelines, requireRepository } from "./pull-requests.ts";

const UUID = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;
const HASH = /^[0-9a-f]{40}$/;

function everything(model: SandboxModel): string {
  const prs = model.repositories.map((repo) => listPullRequests(model, repo.slug));
  return JSON.stringify({ model, prs });
}

describe("generateWorkspace", () => {
  it("produces a byte-identical model, pull requests included, for the same seed and sizes", () => {
    const options = { seed: 42, repositories: 4, pullRequestsPerRepository: 30 };
    expect(everything(generateWorkspace(options))).toBe(everything(generateWorkspace(options)));
  });

  it("produces a different workspace for a different seed", () => {
    const a = generateWorkspace({ seed: 1, repositories: 2, pullRequestsPerRepository: 10 });
    const b = generateWorkspace({ seed: 2, repositories: 2, pullRequestsPerRepository: 10 });
    expect(a.repositories[0]?.uuid).not.toBe(b.repositories[0]?.uuid);
    expect(everything(a)).not.toBe(everything(b));
  });

  it("derives the same pull request whatever else was generated before it", () => {
    const small = generateWorkspace({ seed: 5, repositories: 2, pullRequestsPerRepository: 40 });
    const big = generateWorkspace({ seed: 5, repositories: 30, pullRequestsPerRepository: 40 });
    expect(listPullRequests(big, "repo-002")).toEqual(listPullRequests(small, "repo-002"));
  });

  it("puts every state in every repository that has at least 8 pull requests", () => {
    for (const seed of [1, 2, 3]) {
      const model = generateWorkspace({ seed, repositories: 40, pullRequestsPerRepository: 8 });
      for (const repo of model.repositories) {
        const states = new Set(listPullRequests(model, repo.slug).map((pr) => pr.state));
        expect([...states].sort()).toEqual([...PULL_REQUEST_STATES].sort());
      }
    }
  });

  it("gives every pull request of a repository a distinct updated_on, and created_on grows with the id", () => {
    const model = generateWorkspace({ seed: 9, repositories: 1, pullRequestsPerRepository: 4000 });
    const timelines = pullRequestTimelines(model, requireRepository(model, "repo-001"));
    expect(new Set(timelines.map((t) => t.updatedMicros)).size).toBe(4000);
    for (const [i, t] of timelines.entries()) {
      expect(t.updatedMicros).toBeGreaterThan(t.createdMicros);
      if (i > 0) expect(t.createdMicros).toBeGreaterThan(timelines[i - 1]?.createdMicros ?? 0);
    }
  });

  it("spreads pull requests over the two years before the generation time", () => {
    const now = new Date("2025-03-01T00:00:00Z");
    const model = generateWorkspace({ seed: 3, repositories: 1, pullRequestsPerRepository: 200, now });
    const prs = listPullRequests(model, "repo-001");
    const created = prs.map((pr) => Date.parse(pr.createdOn));
    expect(Math.min(...created)).toBeLessThan(now.getTime() - 600 * 86_400_000);
    expect(Math.max(...created)).toBeGreaterThan(now.getTime() - 30 * 86_400_000);
    expect(Math.max(...prs.map((pr) => Date.parse(pr.updatedOn)))).toBeLessThan(now.getTime());
  });

  it("generates 500 repositories × 4,000 pull requests as a small model", () => {
    const model = generateWorkspace({ seed: 1, repositories: 500, pullRequestsPerRepository: 4000 });
    expect(model.repositories).toHaveLength(500);
    expect(model.repositories[499]?.slug).toBe("repo-500");
    expect(JSON.stringify(model).length).toBeLessThan(1_000_000);
  });
});

describe("canaries", () => {
  const model = generateWorkspace({ seed: 11, repositories: 3, pullRequestsPerRepository: 40 });
  const prs = model.repositories.flatMap((repo) => listPullRequests(model, repo.slug));

  it("mark every free-text and personal field with a unique canary", () => {
    const values = [
      model.workspace.name,
      ...model.people.flatMap((p) => [p.displayName, p.nickname, p.email]),
      ...model.repositories.flatMap((r) => [r.name, r.description, r.projectName]),
      ...prs.flatMap((pr) => [pr.title, pr.description]),
    ];
    for (const value of values) expect(value).toContain(CANARY);
    const markers = values.map((value) => value.slice(value.indexOf(CANARY)));
    expect(new Set(markers).size).toBe(new Set(values).size);
  });

  it("mark decline reasons and every feature, bugfix, hotfix, release or other branch name", () => {
    for (const pr of prs) {
      expect(pr.sourceBranch).toContain(CANARY);
      if (pr.state === "DECLINED") expect(pr.reason).toContain(CANARY);
      else expect(pr.reason).toBe("");
    }
  });

  it("never appear in identifiers, hashes, keys, languages or timestamps", () => {
    const identifiers = [
      model.workspace.slug,
      model.workspace.uuid,
      model.workspace.createdOn,
      ...model.people.flatMap((p) => [p.uuid, p.accountId]),
      ...model.repositories.flatMap((r) => [
        r.slug,
        r.uuid,
        r.projectKey,
        r.projectUuid,
        r.language,
        r.mainBranch,
        r.createdOn,
        r.updatedOn,
      ]),
      ...prs.flatMap((pr) => [String(pr.id), pr.createdOn, pr.updatedOn, pr.sourceCommit, pr.destinationCommit]),
    ];
    for (const value of identifiers) expect(value).not.toContain(CANARY);
    for (const uuid of [model.workspace.uuid, ...personalIdentifiers(model).uuids]) expect(uuid).toMatch(UUID);
    for (const pr of prs) {
      expect(pr.createdOn).toMatch(TIMESTAMP);
      expect(pr.sourceCommit).toMatch(HASH);
      if (pr.state === "MERGED") expect(pr.mergeCommit).toMatch(HASH);
      else expect(pr.mergeCommit).toBeNull();
    }
  });

  it("lists the people's raw identifiers for leak checks", () => {
    const ids = personalIdentifiers(model);
    expect(ids.uuids).toHaveLength(12);
    expect(ids.bareUuids[0]).toBe(ids.uuids[0]?.slice(1, -1));
    expect(ids.emails.every((email) => email.includes(CANARY) && email.includes("@"))).toBe(true);
  });
});

describe("pull request details", () => {
  const model = generateWorkspace({ seed: 21, repositories: 2, pullRequestsPerRepository: 300 });
  const prs = listPullRequests(model, "repo-001");

  it("close merged and declined pull requests with closed_by, and only them", () => {
    for (const pr of prs) {
      expect(pr.closedBy !== null).toBe(pr.state === "MERGED" || pr.state === "DECLINED");
    }
  });

  it("have 0–3 reviewers who are not the author, all of them participants", () => {
    for (const pr of prs) {
      expect(pr.reviewers.length).toBeLessThanOrEqual(3);
      expect(pr.reviewers).not.toContain(pr.author);
      const reviewing = pr.participants.filter((p) => p.role === "REVIEWER").map((p) => p.person);
      expect(reviewing).toEqual(pr.reviewers);
    }
  });

  it("record approvals and change requests consistently, within the pull request's lifetime", () => {
    const states = new Set<string | null>();
    for (const pr of prs) {
      for (const p of pr.participants) {
        states.add(p.state);
        expect(p.approved).toBe(p.state === "approved");
        if (p.participatedOn !== null) {
          expect(p.participatedOn >= pr.createdOn && p.participatedOn <= pr.updatedOn).toBe(true);
        }
      }
    }
    expect(states).toEqual(new Set(["approved", "changes_requested", null]));
  });

  it("mark only open pull requests as drafts, and some of them", () => {
    expect(prs.some((pr) => pr.draft)).toBe(true);
    expect(prs.filter((pr) => pr.draft).every((pr) => pr.state === "OPEN")).toBe(true);
  });
});
