import nock from "nock";
import { describe, expect, it } from "vitest";
import { BadDataError } from "../errors.ts";
import { BASE, collect, ORIGIN, testClient, useStrictNock } from "./test-support/nock-harness.ts";
import { pullRequestPayload, repositoryPayload } from "./test-support/payloads.ts";

useStrictNock();

describe("parsing responses", () => {
  it("throws BadDataError naming the endpoint and the field, and yields nothing of that page", async () => {
    const bad = repositoryPayload(2, { updated_on: "last tuesday" });
    nock(ORIGIN)
      .get("/2.0/repositories/acme")
      .query(true)
      .reply(200, { values: [repositoryPayload(1), bad, repositoryPayload(3)] });
    const pages: unknown[] = [];
    const error = await (async () => {
      for await (const page of testClient().listRepositories("acme")) pages.push(page);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toBe(
      "Bitbucket sent unexpected data for /2.0/repositories/acme: values[1].updated_on: expected a timestamp.",
    );
    expect(pages).toEqual([]);
  });

  it("keeps the pages before a malformed page and yields none of the malformed one", async () => {
    nock(ORIGIN)
      .get("/2.0/repositories/acme/web/pullrequests")
      .query(true)
      .reply(200, {
        values: [pullRequestPayload(1)],
        next: `${BASE}/repositories/acme/web/pullrequests?page=2`,
      })
      .get("/2.0/repositories/acme/web/pullrequests")
      .query({ page: "2" })
      .reply(200, { values: [pullRequestPayload(2), pullRequestPayload(3, { state: "MERGING" })] });
    const ids: number[] = [];
    const error = await (async () => {
      for await (const page of testClient().listPullRequests("acme", "web")) ids.push(...page.values.map((p) => p.id));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toMatch(/\/pullrequests: values\[1\]\.state: /);
    expect(ids).toEqual([1]);
  });

  it("does not echo the offending value in the error", async () => {
    nock(ORIGIN)
      .get("/2.0/repositories/acme/web/pullrequests")
      .query(true)
      .reply(200, { values: [pullRequestPayload(1, { id: "CANARY-NOT-AN-ID" })] });
    const error = await collect(testClient().listPullRequests("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toContain("values[0].id");
    expect((error as Error).message).not.toContain("CANARY");
  });

  it("rejects an envelope without values", async () => {
    nock(ORIGIN).get("/2.0/repositories/acme").query(true).reply(200, { next: null });
    await expect(collect(testClient().listRepositories("acme"))).rejects.toThrow(/values: /);
  });

  it("drops titles, descriptions, names and links that the server sends anyway", async () => {
    nock(ORIGIN)
      .get("/2.0/repositories/acme")
      .query(true)
      .reply(200, { values: [repositoryPayload(1)] })
      .get("/2.0/repositories/acme/repo-1/pullrequests")
      .query(true)
      .reply(200, { values: [pullRequestPayload(1)] });
    const client = testClient();
    const repos = await collect(client.listRepositories("acme"));
    const prs = await collect(client.listPullRequests("acme", "repo-1"));
    const text = JSON.stringify([repos, prs]);
    expect(text).not.toContain("CANARY");
    expect(text).not.toMatch(/title|description|display_name|nickname|account_id|links|avatar/);
  });
});
