import { describe, expect, it } from "vitest";
import { categoriseBranch } from "./branch-category.ts";

describe("categoriseBranch", () => {
  it.each([
    ["main", "main"],
    ["master", "main"],
    ["develop", "development"],
    ["feature/JIRA-12-jane-login", "feature"],
    ["feat/x", "feature"],
    ["bugfix/crash", "bugfix"],
    ["fix/crash", "bugfix"],
    ["hotfix/1.2.1", "hotfix"],
    ["release/2026.11", "release"],
    ["jane/experiment", "other"],
  ])("puts %s in %s by the default conventions", (name, category) => {
    expect(categoriseBranch(name)).toBe(category);
  });

  it("prefers the repository's branching model", () => {
    const model = { mainBranch: "trunk-x", developmentBranch: "next", prefixes: { feature: "f-" } };
    expect(categoriseBranch("trunk-x", model)).toBe("main");
    expect(categoriseBranch("next", model)).toBe("development");
    expect(categoriseBranch("f-thing", model)).toBe("feature");
  });

  it("returns null for a missing branch", () => {
    expect(categoriseBranch(null)).toBeNull();
    expect(categoriseBranch("")).toBeNull();
  });
});
