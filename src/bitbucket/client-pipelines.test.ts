import nock from "nock";
import { describe, expect, it } from "vitest";
import { BadDataError } from "../errors.ts";
import { endpoints, fieldsProjection } from "./endpoints.ts";
import { ResourceUnavailableError } from "./resource-unavailable.ts";
import { BASE, collect, ORIGIN, recorder, testClient, useStrictNock } from "./test-support/nock-harness.ts";
import { pipelinePayload, pipelineUuid } from "./test-support/pipeline-payloads.ts";

useStrictNock();

const PIPELINES = "/2.0/repositories/acme/web/pipelines";
const FIELDS = fieldsProjection(endpoints.pipelines);

/** n synthetic pipelines numbered from `from` downwards (newest first). */
function pipelines(from: number, n: number) {
  return Array.from({ length: n }, (_, i) => pipelinePayload(from - i));
}

function pageQuery(page: number) {
  return `?sort=-created_on&pagelen=100&page=${page}&fields=${FIELDS}`;
}

describe("listPipelines", () => {
  it("asks for page 1 newest first with pagelen 100 and the pipeline projection", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 1, pagelen: 100, size: 1, values: [pipelinePayload(1)] }));
    const pages = await collect(testClient().listPipelines("acme", "web"));
    expect(seen).toEqual([`${PIPELINES}${pageQuery(1)}`]);
    expect(pages).toEqual([{ values: [expect.objectContaining({ buildNumber: 1 })], next: undefined }]);
  });

  it("pages by number when Bitbucket omits next on full pages, and stops on the short page", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 1, pagelen: 100, values: pipelines(250, 100) }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 2, pagelen: 100, values: pipelines(150, 100) }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 3, pagelen: 100, values: pipelines(50, 50) }));
    const pages = await collect(testClient().listPipelines("acme", "web"));
    expect(seen).toEqual([1, 2, 3].map((page) => `${PIPELINES}${pageQuery(page)}`));
    expect(pages.map((page) => page.values.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.next)).toEqual([
      `${BASE}/repositories/acme/web/pipelines${pageQuery(2)}`,
      `${BASE}/repositories/acme/web/pipelines${pageQuery(3)}`,
      undefined,
    ]);
    const numbers = pages.flatMap((page) => page.values.map((p) => p.buildNumber));
    expect(new Set(numbers).size).toBe(250);
  });

  it("stops without an extra request when page × pagelen reaches size, even on a full page", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 1, pagelen: 100, size: 200, values: pipelines(200, 100) }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 2, pagelen: 100, size: 200, values: pipelines(100, 100) }));
    const pages = await collect(testClient().listPipelines("acme", "web"));
    expect(seen).toHaveLength(2);
    expect(pages.at(-1)?.next).toBeUndefined();
  });

  it("uses the envelope's pagelen when Bitbucket answers with a smaller page than asked", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 1, pagelen: 10, size: 21, values: pipelines(21, 10) }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 2, pagelen: 10, size: 21, values: pipelines(11, 10) }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 3, pagelen: 10, size: 21, values: pipelines(1, 1) }));
    const pages = await collect(testClient().listPipelines("acme", "web"));
    expect(seen.map((url) => new URL(`${ORIGIN}${url}`).searchParams.get("page"))).toEqual(["1", "2", "3"]);
    expect(pages.flatMap((page) => page.values)).toHaveLength(21);
  });

  it("follows a next link when Bitbucket sends one, then counts on from its page number", async () => {
    const { seen, reply } = recorder();
    const next = `${BASE}/repositories/acme/web/pipelines?sort=-created_on&pagelen=100&page=2&fields=${FIELDS}&x=1`;
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 1, pagelen: 100, values: pipelines(300, 100), next }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 2, pagelen: 100, values: pipelines(200, 100) }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 3, pagelen: 100, values: [] }));
    const pages = await collect(testClient().listPipelines("acme", "web"));
    expect(seen[1]).toBe(`${PIPELINES}?sort=-created_on&pagelen=100&page=2&fields=${FIELDS}&x=1`);
    expect(seen[2]).toBe(`${PIPELINES}${pageQuery(3)}`);
    expect(pages.map((page) => page.values.length)).toEqual([100, 100, 0]);
  });

  it("refuses a server that answers another page than the one asked for, instead of looping", async () => {
    const { reply } = recorder();
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 1, pagelen: 100, values: pipelines(200, 100) }))
      .get(PIPELINES)
      .query(true)
      .reply(reply({ page: 1, pagelen: 100, values: pipelines(200, 100) }));
    const error = await collect(testClient().listPipelines("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toBe(`Bitbucket answered page 1 for page 2 of ${PIPELINES}.`);
  });

  it.each([403, 404] as const)(
    "throws ResourceUnavailableError on %i (a repository without Pipelines)",
    async (status) => {
      nock(ORIGIN)
        .get(PIPELINES)
        .query(true)
        .reply(status, { type: "error", error: { message: "Pipelines not enabled" } });
      const error = await collect(testClient().listPipelines("acme", "web")).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ResourceUnavailableError);
      expect(error).toMatchObject({ status, resource: "pipelines", workspace: "acme", repoSlug: "web" });
      expect((error as Error).message).toBe(
        `Bitbucket has no pipelines for acme/web available to this token (HTTP ${status}).`,
      );
    },
  );

  it("keeps only the allowlisted fields: no variables, names, selector patterns, links or accounts", async () => {
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(200, { page: 1, pagelen: 100, values: [pipelinePayload(7)] });
    const [page] = await collect(testClient().listPipelines("acme", "web"));
    expect(page?.values).toEqual([
      {
        uuid: pipelineUuid(7),
        buildNumber: 7,
        state: "COMPLETED",
        stage: null,
        result: "SUCCESSFUL",
        createdOn: "2024-03-01T10:20:30.123Z",
        completedOn: "2024-03-01T10:25:30.500Z",
        durationSeconds: 300,
        buildSecondsUsed: 280,
        trigger: "PUSH",
        targetType: "pipeline_ref_target",
        refType: "branch",
        refName: "feature/CANARY-PIPELINE-BRANCH",
        selectorType: "branches",
        pullRequestId: null,
        commit: "0123456789abcdef0123456789abcdef01234567",
        creatorUuid: "{dddddddd-0000-4000-8000-000000000001}",
      },
    ]);
    // The branch name is the one canary that passes, in memory only; nothing else does.
    expect(JSON.stringify(page).replace("CANARY-PIPELINE-BRANCH", "")).not.toContain("CANARY");
  });

  it("accepts a running pull request pipeline: no completion, a stage, a pull request target", async () => {
    const running = pipelinePayload(8, {
      completed_on: undefined,
      duration_in_seconds: null,
      state: { name: "IN_PROGRESS", stage: { name: "RUNNING" } },
      trigger: { name: "MANUAL" },
      target: {
        type: "pipeline_pullrequest_target",
        source: "CANARY-SOURCE",
        pullrequest: { id: 42, title: "CANARY-PR-TITLE" },
        commit: { hash: "abc123abc123" },
        selector: { type: "pull-requests", pattern: "**" },
      },
    });
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(200, { values: [running] });
    const [page] = await collect(testClient().listPipelines("acme", "web"));
    expect(page?.values[0]).toMatchObject({
      state: "IN_PROGRESS",
      stage: "RUNNING",
      result: null,
      completedOn: null,
      durationSeconds: null,
      targetType: "pipeline_pullrequest_target",
      refName: null,
      selectorType: "pull-requests",
      pullRequestId: 42,
    });
    expect(JSON.stringify(page)).not.toContain("CANARY");
  });

  it.each([
    ["a state name that is free text", { state: { name: "CANARY free text" } }, "values[0].state.name"],
    ["a missing build number", { build_number: undefined }, "values[0].build_number"],
    ["a created_on that is not a timestamp", { created_on: "2024-03-01T10:20:30.1234567890Z" }, "values[0].created_on"],
    ["a commit hash that is not hex", { target: { commit: { hash: "CANARY" } } }, "values[0].target.commit.hash"],
  ])("fails the page on %s, naming the endpoint and the field", async (_, extra, field) => {
    nock(ORIGIN)
      .get(PIPELINES)
      .query(true)
      .reply(200, { values: [pipelinePayload(1, extra)] });
    const error = await collect(testClient().listPipelines("acme", "web")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toContain(`for ${PIPELINES}: ${field}: `);
    expect((error as Error).message).not.toContain("CANARY");
  });
});

describe("getPipeline", () => {
  it("fetches one pipeline by its braced uuid, percent-encoded, with the single-object projection", async () => {
    const { seen, reply } = recorder();
    const encoded = encodeURIComponent(pipelineUuid(3));
    nock(ORIGIN)
      .get(`${PIPELINES}/${encoded}`)
      .query(true)
      .reply(reply(pipelinePayload(3)));
    const pipeline = await testClient().getPipeline("acme", "web", pipelineUuid(3).toUpperCase());
    expect(seen).toEqual([`${PIPELINES}/${encoded}?fields=${fieldsProjection(endpoints.pipeline)}`]);
    expect(pipeline).toMatchObject({ uuid: pipelineUuid(3), buildNumber: 3 });
  });

  it("refuses a uuid that cannot be one before sending anything", async () => {
    await expect(testClient().getPipeline("acme", "web", "../../src")).rejects.toThrow(TypeError);
  });

  it("throws ResourceUnavailableError on a 404", async () => {
    nock(ORIGIN)
      .get(`${PIPELINES}/${encodeURIComponent(pipelineUuid(3))}`)
      .query(true)
      .reply(404, {});
    await expect(testClient().getPipeline("acme", "web", pipelineUuid(3))).rejects.toMatchObject({
      name: "ResourceUnavailableError",
      resource: "pipeline",
      status: 404,
    });
  });
});
