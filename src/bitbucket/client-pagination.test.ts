import nock from "nock";
import { describe, expect, it } from "vitest";
import { BadDataError } from "../errors.ts";
import { endpoints, fieldsProjection } from "./endpoints.ts";
import { BASE, collect, ORIGIN, recorder, testClient, useStrictNock } from "./test-support/nock-harness.ts";
import { pullRequestPayload, repositoryPayload } from "./test-support/payloads.ts";

useStrictNock();

const REPOS = "/2.0/repositories/acme";
const PRS = "/2.0/repositories/acme/web/pullrequests";

describe("pagination", () => {
  it("requests the first page with pagelen 100 and the fields projection", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(REPOS)
      .query(true)
      .reply(reply({ values: [repositoryPayload(1)] }));
    const pages = await collect(testClient().listRepositories("acme"));
    expect(seen).toEqual([`${REPOS}?pagelen=100&fields=${fieldsProjection(endpoints.repositories)}`]);
    expect(pages).toHaveLength(1);
    expect(pages[0]?.next).toBeUndefined();
  });

  it("follows next verbatim without re-adding params", async () => {
    const { seen, reply } = recorder();
    const next = `${BASE}/repositories/acme?ctx=opaque%2Fcursor&page=2`;
    nock(ORIGIN)
      .get(REPOS)
      .query(true)
      .reply(reply({ values: [repositoryPayload(1)], next }))
      .get(REPOS)
      .query(true)
      .reply(reply({ values: [repositoryPayload(2)] }));
    const pages = await collect(testClient().listRepositories("acme"));
    expect(seen[1]).toBe("/2.0/repositories/acme?ctx=opaque%2Fcursor&page=2");
    expect(pages.map((p) => p.values.map((r) => r.slug))).toEqual([["repo-1"], ["repo-2"]]);
    expect(pages.map((p) => p.next)).toEqual([next, undefined]);
  });

  it("stops at an empty page even when it carries a next link", async () => {
    const { reply } = recorder();
    nock(ORIGIN)
      .get(REPOS)
      .query(true)
      .reply(reply({ values: [], next: `${BASE}/repositories/acme?page=2` }));
    const pages = await collect(testClient().listRepositories("acme"));
    expect(pages).toEqual([{ values: [], next: undefined }]);
  });

  it("stops at a repeated next (loop) with an error naming the endpoint", async () => {
    const { reply } = recorder();
    const page2 = `${BASE}/repositories/acme?page=2`;
    nock(ORIGIN)
      .get(REPOS)
      .query(true)
      .reply(reply({ values: [repositoryPayload(1)], next: page2 }))
      .get(REPOS)
      .query({ page: "2" })
      .reply(reply({ values: [repositoryPayload(2)], next: page2 }));
    const slugs: string[] = [];
    const error = await (async () => {
      for await (const page of testClient().listRepositories("acme")) slugs.push(...page.values.map((r) => r.slug));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toMatch(/loops for \/2\.0\/repositories\/acme/);
    // Page 2 repeats page 1's next: it is refused, so only page 1 reached the caller.
    expect(slugs).toEqual(["repo-1"]);
  });

  it("refuses a next link on another origin without sending it", async () => {
    const { reply } = recorder();
    nock(ORIGIN)
      .get(REPOS)
      .query(true)
      .reply(reply({ values: [repositoryPayload(1)], next: "https://evil.example/2.0/repositories/acme?page=2" }));
    const evil = nock("https://evil.example").get(/.*/).reply(200, {});
    await expect(collect(testClient().listRepositories("acme"))).rejects.toThrow(
      /refusing to follow a next link off the API origin/,
    );
    expect(evil.isDone()).toBe(false);
    nock.cleanAll(); // the unused evil interceptor is the point of this test
  });

  it.each([
    ["another path prefix on the same origin", `${ORIGIN}/internal/repositories/acme?page=2`, /off the API origin/],
    ["plain http", "http://api.bitbucket.org/2.0/repositories/acme?page=2", /off the API origin/],
    ["credentials in the URL", "https://user:pw@api.bitbucket.org/2.0/repositories/acme?page=2", /off the API origin/],
    ["another endpoint under the base", `${BASE}/repositories/acme/web/src/main/secret.txt`, /another endpoint/],
    ["a relative link", "/2.0/repositories/acme?page=2", /not a URL/],
  ])("refuses a next link to %s", async (_, next, message) => {
    const { reply } = recorder();
    nock(ORIGIN)
      .get(REPOS)
      .query(true)
      .reply(reply({ values: [repositoryPayload(1)], next }));
    const pages: unknown[] = [];
    const walk = async () => {
      for await (const page of testClient().listRepositories("acme")) pages.push(page);
    };
    await expect(walk()).rejects.toThrow(message);
    // The page whose next is refused is not yielded either, so no caller commits a poisoned cursor.
    expect(pages).toEqual([]);
  });

  it("requests all four PR states, sorted by id, pagelen 50, with participants in fields", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(PRS)
      .query(true)
      .reply(reply({ values: [pullRequestPayload(1)] }));
    await collect(testClient().listPullRequests("acme", "web"));
    const url = new URL(`${ORIGIN}${seen[0]}`);
    expect(url.searchParams.getAll("state")).toEqual(["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]);
    expect(url.searchParams.get("pagelen")).toBe("50");
    expect(url.searchParams.get("sort")).toBe("id");
    expect(url.searchParams.get("fields")).toBe(fieldsProjection(endpoints.pullRequests));
    expect(url.searchParams.get("fields")).toContain("values.participants.state");
    expect(url.searchParams.has("q")).toBe(false);
  });

  it("filters by updated_on (normalised to UTC) and by id when asked", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(PRS)
      .query(true)
      .reply(reply({ values: [] }));
    await collect(
      testClient().listPullRequests("acme", "web", { updatedAfter: "2024-05-01T12:00:00.5+02:00", afterId: 41 }),
    );
    expect(seen[0]).toContain("q=updated_on%3E2024-05-01T10%3A00%3A00.500Z%20AND%20id%3E41&");
    expect(new URL(`${ORIGIN}${seen[0]}`).searchParams.get("q")).toBe("updated_on>2024-05-01T10:00:00.500Z AND id>41");
  });

  it("refuses an updatedAfter that is not a timestamp before sending anything", async () => {
    await expect(
      collect(testClient().listPullRequests("acme", "web", { updatedAfter: '2024" OR 1=1' })),
    ).rejects.toThrow(TypeError);
  });

  it("fetches one pull request with the single-object projection", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(`${PRS}/7`)
      .query(true)
      .reply(reply(pullRequestPayload(7)));
    const pr = await testClient().getPullRequest("acme", "web", 7);
    expect(pr.id).toBe(7);
    expect(seen[0]).toBe(`${PRS}/7?fields=${fieldsProjection(endpoints.pullRequest)}`);
  });

  it("reads the current user and a workspace as identifiers only", async () => {
    nock(ORIGIN)
      .get("/2.0/user")
      .query({ fields: "uuid" })
      .reply(200, { uuid: "{ABCDEF00-0000-4000-8000-000000000000}", display_name: "CANARY-ME", nickname: "me" })
      .get("/2.0/workspaces/acme")
      .query({ fields: "uuid,slug" })
      .reply(200, { uuid: "{12345678-0000-4000-8000-000000000000}", slug: "acme", name: "CANARY-WS" });
    const client = testClient();
    expect(await client.getCurrentUser()).toEqual({ uuid: "{abcdef00-0000-4000-8000-000000000000}" });
    expect(await client.getWorkspace("acme")).toEqual({ uuid: "{12345678-0000-4000-8000-000000000000}", slug: "acme" });
  });
});
