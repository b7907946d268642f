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

  it("projects the activity feeds onto dates, states, actors and the source commit, never content", () => {
    const expected =
      "next,values.pull_request.id,values.update.date,values.update.state,values.update.author.uuid,values.update.source.commit.hash,values.approval.date,values.approval.user.uuid,values.changes_requested.date,values.changes_requested.user.uuid,values.comment.created_on,values.comment.user.uuid";
    expect(fieldsProjection(endpoints.pullRequestActivity)).toBe(expected);
    expect(fieldsProjection(endpoints.pullRequestActivityFor)).toBe(expected);
  });

  it("projects pipelines with the page envelope, never variables", () => {
    expect(fieldsProjection(endpoints.pipelines)).toBe(
      "next,page,pagelen,size,values.uuid,values.build_number,values.created_on,values.completed_on,values.duration_in_seconds,values.build_seconds_used,values.state.name,values.state.stage.name,values.state.result.name,values.trigger.name,values.target.type,values.target.ref_type,values.target.ref_name,values.target.selector.type,values.target.pullrequest.id,values.target.commit.hash,values.creator.uuid",
    );
    expect(fieldsProjection(endpoints.pipeline)).toBe(
      fieldsProjection(endpoints.pipelines).replace("next,page,pagelen,size,", "").replaceAll("values.", ""),
    );
  });

  it("projects steps with the page envelope, never their name or commands", () => {
    expect(fieldsProjection(endpoints.pipelineSteps)).toBe(
      "next,page,pagelen,size,values.uuid,values.pipeline.uuid,values.state.name,values.state.result.name,values.started_on,values.completed_on,values.duration_in_seconds,values.build_seconds_used",
    );
  });

  it("projects environments and deployments without names, release names or URLs", () => {
    expect(fieldsProjection(endpoints.environments)).toBe(
      "next,values.uuid,values.environment_type.name,values.environment_type.rank",
    );
    expect(fieldsProjection(endpoints.deployments)).toBe(
      "next,values.uuid,values.environment.uuid,values.state.name,values.state.status.name,values.state.started_on,values.state.completed_on,values.release.pipeline.uuid,values.release.commit.hash,values.last_update_time",
    );
  });

  it("projects the branching model, branches and commits without messages or author strings", () => {
    expect(fieldsProjection(endpoints.effectiveBranchingModel)).toBe(
      "development.name,development.branch.name,development.use_mainbranch,production.name,production.branch.name,production.use_mainbranch,branch_types.kind,branch_types.prefix",
    );
    expect(fieldsProjection(endpoints.branches)).toBe("next,values.name,values.target.date");
    expect(fieldsProjection(endpoints.commits)).toBe(
      "next,values.hash,values.date,values.parents.hash,values.author.user.uuid",
    );
  });

  it("never asks for free text, personal data or build scripts", () => {
    const forbidden =
      /title|description|summary|rendered|reason|display_name|nickname|account_id|links|avatar|email|message|raw|content|variables|command|script|image|url|key|name$/;
    // Enum names (COMPLETED, PUSH, Production…), the project key (an identifier) and branch names,
    // which the crawl categorises in memory.
    const allowed = new Set([
      "repositories:project.key",
      "repositories:mainbranch.name",
      "state.name",
      "state.stage.name",
      "state.result.name",
      "state.status.name",
      "trigger.name",
      "environment_type.name",
      "source.branch.name",
      "destination.branch.name",
      "target.ref_name",
      "development.name",
      "development.branch.name",
      "production.name",
      "production.branch.name",
      "branches:name",
    ]);
    const found = Object.entries(endpoints).flatMap(([name, endpoint]) =>
      endpoint.fields
        .filter((field) => forbidden.test(field))
        .filter((field) => !allowed.has(field) && !allowed.has(`${name}:${field}`))
        .map((field) => `${name}: ${field}`),
    );
    expect(found).toEqual([]);
  });

  it("has no content endpoint (diff, patch, src, comments, logs, variables…)", () => {
    for (const endpoint of Object.values(endpoints)) {
      expect(endpoint.path).not.toMatch(/diff|patch|\/src|comments|\/log|variables|snippets|ssh-keys|raw|\/commit\//);
    }
  });

  it("caps pagelen per endpoint: 100 for repositories, 50 for pull requests", () => {
    expect(buildUrl(BASE, endpoints.repositories, { workspace: "acme" })).toContain("pagelen=100");
    expect(buildUrl(BASE, endpoints.pullRequests, { workspace: "acme", repo_slug: "r" })).toContain("pagelen=50");
  });

  it.each([
    ["pullRequestActivity", 50],
    ["pullRequestActivityFor", 50],
    ["pipelines", 100],
    ["pipelineSteps", 100],
    ["environments", 100],
    ["deployments", 50],
    ["branches", 100],
    ["commits", 100],
  ] as const)("sends %s with pagelen %i, within Bitbucket's cap", (name, pagelen) => {
    const params = { workspace: "a", repo_slug: "b", pull_request_id: 1, pipeline_uuid: "{p}", revision: "main" };
    expect(new URL(buildUrl(BASE, endpoints[name], params)).searchParams.get("pagelen")).toBe(String(pagelen));
  });

  it("lets only the page-numbered endpoints take a page number", () => {
    const params = { workspace: "a", repo_slug: "b", pipeline_uuid: "{p}", revision: "main" };
    expect(buildUrl(BASE, endpoints.pipelines, params, { page: "3" })).toContain("&page=3&");
    expect(buildUrl(BASE, endpoints.pipelineSteps, params, { page: "3" })).toContain("&page=3&");
    expect(() => buildUrl(BASE, endpoints.commits, params, { page: "3" })).toThrow(/not allowed/);
    expect(() => buildUrl(BASE, endpoints.deployments, params, { q: "x" })).toThrow(/not allowed/);
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

  it("sorts pipelines newest first and deployments not at all (sort=created_on is a 400 there)", () => {
    const params = { workspace: "a", repo_slug: "b" };
    expect(new URL(buildUrl(BASE, endpoints.pipelines, params)).searchParams.get("sort")).toBe("-created_on");
    expect(new URL(buildUrl(BASE, endpoints.deployments, params)).searchParams.has("sort")).toBe(false);
  });

  it("encodes a revision with a slash as one path segment", () => {
    const url = buildUrl(BASE, endpoints.commits, { workspace: "a", repo_slug: "b", revision: "release/2.0" });
    expect(new URL(url).pathname).toBe("/2.0/repositories/a/b/commits/release%2F2.0");
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
