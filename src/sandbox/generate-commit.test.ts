import { describe, expect, it } from "vitest";
import { CANARY } from "./canary.ts";
import { listCommits } from "./commits.ts";
import { generateWorkspace } from "./generate.ts";
import { deriveBranches, deriveBranchingModel, isStale } from "./generate-branches.ts";
import { authorRaw } from "./generate-commit.ts";
import { requireRepository } from "./pull-requests.ts";

const model = generateWorkspace({ seed: 52, repositories: 8, pullRequestsPerRepository: 5, commitsPerRepository: 300 });
const HASH = /^[0-9a-f]{40}$/;

describe("generated main-branch commits", () => {
  const commits = listCommits(model, "repo-001");

  it("are newest first, in topological order, closed under parents but for the root", () => {
    expect(commits).toHaveLength(300);
    const position = new Map(commits.map((c, i) => [c.hash, i]));
    for (const [i, commit] of commits.entries()) {
      expect(commit.hash).toMatch(HASH);
      if (i > 0) expect(commit.micros).toBeLessThan(commits[i - 1]?.micros ?? 0);
      for (const parent of commit.parents) expect(position.get(parent)).toBeGreaterThan(i);
    }
    expect(commits.at(-1)?.parents).toEqual([]);
    expect(position.size).toBe(300);
  });

  it("include merges with two parents, authors without an account and broken dates", () => {
    const merges = commits.filter((c) => c.parents.length === 2);
    expect(merges.length).toBeGreaterThan(20);
    expect(commits.some((c) => c.author === null)).toBe(true);
    expect(commits.some((c) => c.brokenDate)).toBe(true);
    expect(commits.every((c) => c.parents.length <= 2)).toBe(true);
  });

  it("carry canaries in messages and author strings, never in hashes", () => {
    const repo = requireRepository(model, "repo-001");
    for (const commit of commits) {
      expect(commit.message).toContain(CANARY);
      expect(authorRaw(model, repo, commit)).toMatch(new RegExp(`${CANARY}.*<${CANARY}`));
      expect([commit.hash, ...commit.parents].join()).not.toContain(CANARY);
    }
  });
});

describe("generated branches and branching model", () => {
  it("have the main branch at the newest commit, develop when the repository has one, 5–40 in all", () => {
    for (const repo of model.repositories) {
      const branches = deriveBranches(model, repo);
      expect(branches.length).toBeGreaterThanOrEqual(5);
      expect(branches.length).toBeLessThanOrEqual(40);
      expect(branches[0]?.target).toEqual(listCommits(model, repo.slug)[0]);
      expect(branches.some((b) => b.name === "develop")).toBe(repo.developmentBranch !== null);
      expect(new Set(branches.map((b) => b.name)).size).toBe(branches.length);
      for (const branch of branches.slice(repo.developmentBranch === null ? 1 : 2)) {
        expect(branch.name).toContain(CANARY);
      }
    }
  });

  it("leave some branches stale (last commit over 90 days old) and most fresh", () => {
    const branches = model.repositories.flatMap((repo) => deriveBranches(model, repo));
    const stale = branches.filter((b) => isStale(b, new Date(model.generatedAt)));
    expect(stale.length).toBeGreaterThan(branches.length / 10);
    expect(stale.length).toBeLessThan(branches.length / 2);
    const later = new Date(Date.parse(model.generatedAt) + 20 * 86_400_000);
    expect(branches.filter((b) => isStale(b, later))).toHaveLength(stale.length);
  });

  it("develop on develop or on the main branch, with the standard prefixes, production sometimes", () => {
    const models = model.repositories.map((repo) => ({ repo, branching: deriveBranchingModel(model, repo) }));
    for (const { repo, branching } of models) {
      expect(branching.development).toEqual(
        repo.developmentBranch === null
          ? { name: repo.mainBranch, useMainbranch: true }
          : { name: "develop", useMainbranch: false },
      );
      for (const type of branching.branchTypes) expect(type.prefix).toBe(`${type.kind}/`);
      expect(branching.branchTypes.map((t) => t.kind)).toContain("feature");
    }
    expect(new Set(models.map((m) => m.branching.production === null))).toEqual(new Set([true, false]));
  });
});
