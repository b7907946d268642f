import { describe, expect, it } from "vitest";
import { assessScopes, parseScopes } from "./scopes.ts";

describe("scopes", () => {
  it("parses space-separated token scopes and comma-separated X-OAuth-Scopes, without duplicates", () => {
    expect(parseScopes("account pullrequest", "pullrequest, repository:admin", undefined)).toEqual([
      "account",
      "pullrequest",
      "repository:admin",
    ]);
  });

  it("finds nothing to complain about in a read-only consumer", () => {
    expect(assessScopes(["account", "pullrequest", "pipeline"])).toEqual({ beyondRead: [], missing: [] });
  });

  it("flags write, admin, delete and pipeline-variable scopes", () => {
    expect(
      assessScopes([
        "account",
        "repository:admin",
        "pullrequest:write",
        "pipeline:variable",
        "write:repository:bitbucket",
        "pipeline",
      ]).beyondRead,
    ).toEqual(["repository:admin", "pullrequest:write", "pipeline:variable", "write:repository:bitbucket"]);
  });

  it("names missing read access, counting write scopes and API-token scopes as covering it", () => {
    expect(assessScopes(["repository"]).missing).toEqual(["account", "pullrequest", "pipeline"]);
    expect(
      assessScopes(["read:user:bitbucket", "read:pullrequest:bitbucket", "read:repository:bitbucket", "pipeline:write"])
        .missing,
    ).toEqual([]);
    expect(assessScopes([]).missing).toEqual([]);
  });
});
