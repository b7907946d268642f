import { describe, expect, it } from "vitest";
import { buildUrl, endpoints, fieldsProjection } from "./endpoints.ts";

const BASE = "https://api.bitbucket.org/2.0";

describe("the endpoint table", () => {
  it("projects repositories onto the kept fields only, with next", () => {
    expect(fieldsProjection(endpoints.repositories)).toBe(
      "next,values.uuid,values.slug,values.is_private,values.created_on,values.updated_on,values.size,values.language,values.mainbranch.name,values.project.key,values.project.uuid,values.workspace.uuid",
    );
  });

  it("projects the pull request list onto the kept fields, reviewers and participants included", () => {
    expect(fieldsProjection(endpoints.pullRequests)).toBe(
      "next,values.id,values.state,values.draft,values.created_on,values.updated_on,values.author.uuid,values.closed_by.uuid,values.source.branch.name,values.source.commit.hash,values.destination.branch.name,values.destination.commit.hash,values.merge_commit.hash,values.comment_count,values.task_count,values.reviewers.uuid,values.participants.user.uuid,values.participants.role,values.participants.approved,values.participants.state,values.participants.participated_on",
    );
  });

  it("projects a single pull request with the same fields, without values. and next", () => {
    expect(fieldsProjection(endpoints.pullRequest)).toBe(
      fieldsProjection(endpoints.pullRequests).replace("next,", "").replaceAll("values.", ""),
    );
  });

  it("never asks for free text or personal data", () => {
    const forbidden =
      /title|description|summary|rendered|reason|display_name|nickname|account_id|links|avatar|email|name$/;
    for (const endpoint of Object.values(endpoints)) {
      for (const field of endpoint.fields) {
        if (field.endsWith("branch.name")) continue; // categorised by the crawl, never stored
        expect(field).not.toMatch(forbidden);
      }
    }
  });

  it("caps pagelen per endpoint: 100 for repositories, 50 for pull requests", () => {
    expect(buildUrl(BASE, endpoints.repositories, { workspace: "acme" })).toContain("pagelen=100");
    expect(buildUrl(BASE, endpoints.pullRequests, { workspace: "acme", repo_slug: "r" })).toContain("pagelen=50");
  });
});

describe("buildUrl", () => {
  it("builds the repository listing URL under the base", () => {
    expect(buildUrl(`${BASE}/`, endpoints.repositories, { workspace: "acme" })).toBe(
      `${BASE}/repositories/acme?pagelen=100&fields=${fieldsProjection(endpoints.repositories)}`,
    );
  });

  it("repeats state for all four pull request states and sorts by id", () => {
    const url = new URL(buildUrl(BASE, endpoints.pullRequests, { workspace: "acme", repo_slug: "r" }));
    expect(url.searchParams.getAll("state")).toEqual(["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]);
    expect(url.searchParams.get("sort")).toBe("id");
  });

  it("keeps uuid braces in path segments, percent-encoded", () => {
    const url = buildUrl(BASE, endpoints.pullRequest, {
      workspace: "{1111-aa}",
      repo_slug: "{2222-bb}",
      pull_request_id: 7,
    });
    expect(url).toMatch(
      /^https:\/\/api\.bitbucket\.org\/2\.0\/repositories\/%7B1111-aa%7D\/%7B2222-bb%7D\/pullrequests\/7\?fields=/,
    );
  });

  it("encodes a path segment so it cannot climb out of the endpoint", () => {
    const url = buildUrl(BASE, endpoints.repositories, { workspace: "../user" });
    expect(new URL(url).pathname).toBe("/2.0/repositories/..%2Fuser");
  });

  it("sends a literal + in q as %2B and the BBQL operators encoded", () => {
    const url = buildUrl(
      BASE,
      endpoints.pullRequests,
      { workspace: "a", repo_slug: "b" },
      { q: "updated_on>2024-01-01T00:00:00+00:00" },
    );
    expect(url).toContain("q=updated_on%3E2024-01-01T00%3A00%3A00%2B00%3A00");
  });

  it("refuses a query parameter the table does not allow", () => {
    expect(() => buildUrl(BASE, endpoints.repositories, { workspace: "a" }, { q: "x" })).toThrow(/not allowed/);
    expect(() => buildUrl(BASE, endpoints.pullRequests, { workspace: "a", repo_slug: "b" }, { fields: "*" })).toThrow(
      /not allowed/,
    );
  });

  it("refuses a missing path parameter", () => {
    expect(() => buildUrl(BASE, endpoints.pullRequests, { workspace: "a" })).toThrow(/repo_slug/);
  });
});
