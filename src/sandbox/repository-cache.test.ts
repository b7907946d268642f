import { describe, expect, it } from "vitest";
import { generateWorkspace } from "./generate.ts";
import { createRepositoryCache } from "./repository-cache.ts";

describe("repository cache", () => {
  it("builds once per repository, drops the least recently used beyond capacity, and rebuilds after a change", () => {
    const model = generateWorkspace({ seed: 1, repositories: 3, pullRequestsPerRepository: 1 });
    const built: string[] = [];
    const cache = createRepositoryCache(model, (repo) => built.push(repo.slug), 2);
    const [a, b, c] = model.repositories;
    if (!a || !b || !c) throw new Error("three repositories");
    for (const repo of [a, b, a, c, a, b]) cache.get(repo);
    expect(built).toEqual(["repo-001", "repo-002", "repo-003", "repo-002"]);
    model.revision++;
    cache.get(a);
    expect(built.at(-1)).toBe("repo-001");
    expect(built).toHaveLength(5);
  });
});
