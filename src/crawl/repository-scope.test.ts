import { describe, expect, it } from "vitest";
import { createRepositoryFilter } from "./repository-scope.ts";

describe("createRepositoryFilter", () => {
  it("keeps every repository when no globs are configured", () => {
    expect(createRepositoryFilter([], [])("anything")).toBe(true);
  });

  it("keeps only included slugs and lets exclusion win", () => {
    const inScope = createRepositoryFilter(["api-*", "web"], ["*-legacy"]);
    expect(inScope("api-payments")).toBe(true);
    expect(inScope("WEB")).toBe(true);
    expect(inScope("web-2")).toBe(false);
    expect(inScope("api-payments-legacy")).toBe(false);
  });

  it("treats ? as one character and regular-expression characters literally", () => {
    const inScope = createRepositoryFilter(["svc-?", "a.b"], []);
    expect(inScope("svc-1")).toBe(true);
    expect(inScope("svc-12")).toBe(false);
    expect(inScope("a.b")).toBe(true);
    expect(inScope("axb")).toBe(false);
  });
});
