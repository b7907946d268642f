import nock from "nock";
import { describe, expect, it } from "vitest";
import { BadDataError, CliError, ExitCode, UsageError } from "../errors.ts";
import { endpoints, fieldsProjection } from "./endpoints.ts";
import {
  approvalEntry,
  changesRequestedEntry,
  commentEntry,
  taskEntry,
  updateEntry,
} from "./test-support/activity-payloads.ts";
import { BASE, collect, ORIGIN, recorder, testClient, useStrictNock } from "./test-support/nock-harness.ts";

useStrictNock();

const FEED = "/2.0/repositories/acme/web/pullrequests/activity";
const PR_FEED = "/2.0/repositories/acme/web/pullrequests/7/activity";

describe("listPullRequestActivity (repo-wide feed)", () => {
  it("asks for pagelen 50 and the activity projection, then follows the opaque ctx next verbatim", async () => {
    const { seen, reply } = recorder();
    const next = `${BASE}/repositories/acme/web/pullrequests/activity?ctx=Zm9vYmFy%2Bx%3D&pagelen=50&fields=next`;
    nock(ORIGIN)
      .get(FEED)
      .query(true)
      .reply(reply({ values: [updateEntry(3)], next, pagelen: 50 }))
      .get(FEED)
      .query(true)
      .reply(reply({ values: [approvalEntry(2)] }));
    const pages = await collect(testClient().listPullRequestActivity("acme", "web"));
    expect(seen).toEqual([
      `${FEED}?pagelen=50&fields=${fieldsProjection(endpoints.pullRequestActivity)}`,
      "/2.0/repositories/acme/web/pullrequests/activity?ctx=Zm9vYmFy%2Bx%3D&pagelen=50&fields=next",
    ]);
    expect(pages.map((page) => page.next)).toEqual([next, undefined]);
    expect(pages.flatMap((page) => page.values.map((entry) => entry.pullRequestId))).toEqual([3, 2]);
  });

  it("reduces each kind to pull request, kind, date, actor, state and source commit", async () => {
    nock(ORIGIN)
      .get(FEED)
      .query(true)
      .reply(200, {
        values: [
          updateEntry(1, { state: "MERGED", date: "2024-03-03T09:00:00.654321+00:00" }),
          changesRequestedEntry(1),
          approvalEntry(1),
          commentEntry(1),
        ],
      });
    const [page] = await collect(testClient().listPullRequestActivity("acme", "web"));
    expect(page?.values).toEqual([
      {
        pullRequestId: 1,
        kind: "update",
        date: "2024-03-03T09:00:00.654Z",
        actorUuid: "{dddddddd-0000-4000-8000-000000000001}",
        state: "MERGED",
        sourceCommit: "abcdef012345",
      },
      {
        pullRequestId: 1,
        kind: "changes_requested",
        date: "2024-03-01T11:00:00.500Z",
        actorUuid: "{dddddddd-0000-4000-8000-000000000004}",
        state: null,
        sourceCommit: null,
      },
      {
        pullRequestId: 1,
        kind: "approval",
        date: "2024-03-01T12:00:00.000Z",
        actorUuid: "{dddddddd-0000-4000-8000-000000000003}",
        state: null,
        sourceCommit: null,
      },
      {
        pullRequestId: 1,
        kind: "comment",
        date: "2024-03-01T10:30:00.000Z",
        actorUuid: "{dddddddd-0000-4000-8000-000000000002}",
        state: null,
        sourceCommit: null,
      },
    ]);
  });

  it("drops titles, descriptions, reasons, branch names, comment content and names the server sends anyway", async () => {
    nock(ORIGIN)
      .get(FEED)
      .query(true)
      .reply(200, { values: [updateEntry(1), approvalEntry(1), changesRequestedEntry(1), commentEntry(1)] });
    const pages = await collect(testClient().listPullRequestActivity("acme", "web"));
    expect(pages[0]?.values).toHaveLength(4);
    const text = JSON.stringify(pages);
    expect(text).not.toContain("CANARY");
    expect(text).not.toMatch(/title|description|reason|content|display_name|nickname|links|https:/);
  });

  it("skips entries of unknown kinds (tasks) without failing, and keeps walking past a page of them", async () => {
    nock(ORIGIN)
      .get(FEED)
      .query(true)
      .reply(200, {
        values: [taskEntry(4), { pull_request: { id: 4 } }],
        next: `${BASE}/repositories/acme/web/pullrequests/activity?ctx=2`,
      })
      .get(FEED)
      .query({ ctx: "2" })
      .reply(200, { values: [taskEntry(4), approvalEntry(4)] });
    const pages = await collect(testClient().listPullRequestActivity("acme", "web"));
    expect(pages.map((page) => page.values.map((entry) => entry.kind))).toEqual([[], ["approval"]]);
    expect(JSON.stringify(pages)).not.toContain("CANARY-TASK");
  });

  it("reports a legacy SUPERSEDED update with a null state rather than failing", async () => {
    nock(ORIGIN)
      .get(FEED)
      .query(true)
      .reply(200, { values: [updateEntry(1, { state: "SUPERSEDED" })] });
    const [page] = await collect(testClient().listPullRequestActivity("acme", "web"));
    expect(page?.values[0]).toMatchObject({ kind: "update", state: null, sourceCommit: "abcdef012345" });
  });

  it.each([
    ["an unknown update state", updateEntry(1, { state: "MERGING" }), "values[0].update.state"],
    ["an approval without a date", { pull_request: { id: 1 }, approval: { user: null } }, "values[0].approval.date"],
    [
      "a comment with a bad date",
      { pull_request: { id: 1 }, comment: { created_on: "soon" } },
      "values[0].comment.created_on",
    ],
    [
      "a known kind without a pull request",
      { approval: { date: "2024-01-01T00:00:00Z" } },
      "values[0].pull_request.id",
    ],
    ["two kinds in one entry", { ...approvalEntry(1), ...commentEntry(1) }, "values[0]: expected one activity kind"],
  ])("fails the page on %s with a BadDataError naming the endpoint and the field", async (_, entry, field) => {
    nock(ORIGIN)
      .get(FEED)
      .query(true)
      .reply(200, { values: [entry] });
    const error = await collect(testClient().listPullRequestActivity("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toContain(`for ${FEED}: ${field}`);
    expect((error as Error).message).not.toContain("CANARY");
  });

  it("treats a 403 like the pull request list: the token lacks the pull request permission", async () => {
    nock(ORIGIN)
      .get(FEED)
      .query(true)
      .reply(403, { type: "error", error: { message: "Forbidden" } });
    const error = await collect(testClient().listPullRequestActivity("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(ExitCode.loginRequired);
  });
});

describe("listPullRequestActivityFor (one pull request)", () => {
  it("walks the feed of one pull request with pagelen 50, accepting a string id in the stub", async () => {
    const { seen, reply } = recorder();
    const next = `${BASE}/repositories/acme/web/pullrequests/7/activity?ctx=abc`;
    nock(ORIGIN)
      .get(PR_FEED)
      .query(true)
      .reply(reply({ values: [{ ...approvalEntry(7), pull_request: { id: "7" } }], next }))
      .get(PR_FEED)
      .query({ ctx: "abc" })
      .reply(reply({ values: [updateEntry(7)] }));
    const pages = await collect(testClient().listPullRequestActivityFor("acme", "web", 7));
    expect(seen[0]).toBe(`${PR_FEED}?pagelen=50&fields=${fieldsProjection(endpoints.pullRequestActivityFor)}`);
    expect(pages.flatMap((page) => page.values.map((entry) => [entry.pullRequestId, entry.kind]))).toEqual([
      [7, "approval"],
      [7, "update"],
    ]);
  });

  it("refuses an id that is not a positive integer before sending anything", async () => {
    await expect(collect(testClient().listPullRequestActivityFor("acme", "web", 0))).rejects.toThrow(TypeError);
  });

  it("names the pull request on a 404", async () => {
    nock(ORIGIN)
      .get(PR_FEED)
      .query(true)
      .reply(404, { type: "error", error: { message: "Not found" } });
    const error = await collect(testClient().listPullRequestActivityFor("acme", "web", 7)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain("pull request #7 of acme/web");
  });
});
