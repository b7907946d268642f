import nock from "nock";
import { describe, expect, it } from "vitest";
import { BadDataError } from "../errors.ts";
import { endpoints, fieldsProjection } from "./endpoints.ts";
import { ResourceUnavailableError } from "./resource-unavailable.ts";
import { branchingModelPayload, branchPayload, commitPayload } from "./test-support/branch-payloads.ts";
import { BASE, collect, ORIGIN, recorder, testClient, useStrictNock } from "./test-support/nock-harness.ts";

useStrictNock();

const REPO = "/2.0/repositories/acme/web";
const MODEL = `${REPO}/effective-branching-model`;
const BRANCHES = `${REPO}/refs/branches`;

describe("getEffectiveBranchingModel", () => {
  it("reads the development branch, production switch and prefixes with the model projection", async () => {
    const { seen, reply } = recorder();
    nock(ORIGIN).get(MODEL).query(true).reply(reply(branchingModelPayload()));
    const model = await testClient().getEffectiveBranchingModel("acme", "web");
    expect(seen).toEqual([`${MODEL}?fields=${fieldsProjection(endpoints.effectiveBranchingModel)}`]);
    expect(model).toEqual({
      developmentBranch: "develop",
      developmentUsesMain: false,
      productionBranch: null,
      productionUsesMain: false,
      productionEnabled: false,
      prefixes: [
        { kind: "feature", prefix: "feature/" },
        { kind: "bugfix", prefix: "bugfix/" },
        { kind: "release", prefix: "release/" },
        { kind: "hotfix", prefix: "hotfix/" },
      ],
    });
  });

  it("reads an enabled production branch on the main branch, and skips an undocumented branch kind", async () => {
    const payload = branchingModelPayload({
      development: { name: "main", use_mainbranch: true },
      production: { name: "prod", use_mainbranch: true },
      branch_types: [
        { kind: "feature", prefix: "feat/" },
        { kind: "experiment", prefix: "exp/" },
      ],
    });
    nock(ORIGIN).get(MODEL).query(true).reply(200, payload);
    expect(await testClient().getEffectiveBranchingModel("acme", "web")).toEqual({
      developmentBranch: "main",
      developmentUsesMain: true,
      productionBranch: "prod",
      productionUsesMain: true,
      productionEnabled: true,
      prefixes: [{ kind: "feature", prefix: "feat/" }],
    });
  });

  it("fails on a prefix that is not a string, naming the field", async () => {
    nock(ORIGIN)
      .get(MODEL)
      .query(true)
      .reply(200, branchingModelPayload({ branch_types: [{ kind: "feature", prefix: 3 }] }));
    const error = await testClient()
      .getEffectiveBranchingModel("acme", "web")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toContain(`for ${MODEL}: branch_types[0].prefix: `);
  });

  it("throws ResourceUnavailableError on a 403", async () => {
    nock(ORIGIN).get(MODEL).query(true).reply(403, {});
    await expect(testClient().getEffectiveBranchingModel("acme", "web")).rejects.toMatchObject({
      name: "ResourceUnavailableError",
      resource: "branching model",
    });
  });
});

describe("listBranches", () => {
  it("asks for pagelen 100 and names plus target dates only, following next verbatim", async () => {
    const { seen, reply } = recorder();
    const next = `${BASE}/repositories/acme/web/refs/branches?pagelen=100&page=2`;
    nock(ORIGIN)
      .get(BRANCHES)
      .query(true)
      .reply(reply({ values: [branchPayload("main")], next }))
      .get(BRANCHES)
      .query(true)
      .reply(reply({ values: [branchPayload("feature/x", { target: { date: "2025-09-18T21:26:38+00:00Z" } })] }));
    const pages = await collect(testClient().listBranches("acme", "web"));
    expect(seen).toEqual([
      `${BRANCHES}?pagelen=100&fields=next,values.name,values.target.date`,
      "/2.0/repositories/acme/web/refs/branches?pagelen=100&page=2",
    ]);
    expect(pages.flatMap((page) => page.values)).toEqual([
      { name: "main", lastCommitDate: "2025-09-18T21:26:38.000Z" },
      { name: "feature/x", lastCommitDate: "2025-09-18T21:26:38.000Z" },
    ]);
    expect(JSON.stringify(pages)).not.toContain("CANARY");
  });

  it("fails on a branch without a name, naming the field", async () => {
    nock(ORIGIN)
      .get(BRANCHES)
      .query(true)
      .reply(200, { values: [branchPayload("")] });
    await expect(collect(testClient().listBranches("acme", "web"))).rejects.toThrow(
      `for ${BRANCHES}: values[0].name: `,
    );
  });

  it("throws ResourceUnavailableError on a 404", async () => {
    nock(ORIGIN).get(BRANCHES).query(true).reply(404, {});
    await expect(collect(testClient().listBranches("acme", "web"))).rejects.toBeInstanceOf(ResourceUnavailableError);
  });
});

describe("listCommits", () => {
  const COMMITS = `${REPO}/commits/main`;

  it("asks for pagelen 100 and the commit projection, then follows the opaque page=<hash> next verbatim", async () => {
    const { seen, reply } = recorder();
    const next = `${BASE}/repositories/acme/web/commits/main?pagelen=100&fields=next%2Cvalues.hash&page=5f2a9c0e`;
    nock(ORIGIN)
      .get(COMMITS)
      .query(true)
      .reply(reply({ pagelen: 100, values: [commitPayload(2)], next }))
      .get(COMMITS)
      .query(true)
      .reply(reply({ pagelen: 100, values: [commitPayload(1)] }));
    const pages = await collect(testClient().listCommits("acme", "web", "main"));
    expect(seen).toEqual([
      `${COMMITS}?pagelen=100&fields=${fieldsProjection(endpoints.commits)}`,
      "/2.0/repositories/acme/web/commits/main?pagelen=100&fields=next%2Cvalues.hash&page=5f2a9c0e",
    ]);
    expect(pages.map((page) => page.next)).toEqual([next, undefined]);
  });

  it("keeps hash, UTC date, parent count and author uuid; never message, summary or author string", async () => {
    const merge = commitPayload(3, {
      date: "2025-09-18T21:26:38+00:00Z",
      parents: [{ hash: "aaaa1111" }, { hash: "bbbb2222" }],
    });
    const unlinked = commitPayload(4, { author: { raw: "CANARY-UNLINKED <x@example.com>" }, parents: [] });
    nock(ORIGIN)
      .get(COMMITS)
      .query(true)
      .reply(200, { values: [merge, unlinked] });
    const [page] = await collect(testClient().listCommits("acme", "web", "main"));
    expect(page?.values).toEqual([
      {
        hash: "00000003aaaabbbbccccddddeeeeffff00001111",
        date: "2025-09-18T21:26:38.000Z",
        parentCount: 2,
        authorUuid: "{dddddddd-0000-4000-8000-000000000001}",
      },
      {
        hash: "00000004aaaabbbbccccddddeeeeffff00001111",
        date: "2025-09-18T21:26:38.000Z",
        parentCount: 0,
        authorUuid: null,
      },
    ]);
    expect(JSON.stringify(page)).not.toMatch(/CANARY|@example|message|summary|raw/);
  });

  it("encodes a revision with a slash as one segment and keeps it out of error messages", async () => {
    nock(ORIGIN)
      .get(`${REPO}/commits/release%2FCANARY-BRANCH`)
      .query(true)
      .reply(200, { values: [commitPayload(1, { date: "yesterday" })] });
    const error = await collect(testClient().listCommits("acme", "web", "release/CANARY-BRANCH")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BadDataError);
    expect((error as Error).message).toBe(
      `Bitbucket sent unexpected data for ${REPO}/commits/{revision}: values[0].date: expected a timestamp.`,
    );
  });

  it("refuses a next link to another revision without sending it", async () => {
    const next = `${BASE}/repositories/acme/web/commits/other?page=abc`;
    nock(ORIGIN)
      .get(COMMITS)
      .query(true)
      .reply(200, { values: [commitPayload(1)], next });
    await expect(collect(testClient().listCommits("acme", "web", "main"))).rejects.toThrow(
      `Bitbucket sent a next link for ${REPO}/commits/{revision} that points at another endpoint; refusing to follow it.`,
    );
  });

  it("fails on a hash that is not hex, naming the field", async () => {
    nock(ORIGIN)
      .get(COMMITS)
      .query(true)
      .reply(200, { values: [commitPayload(1, { hash: "not a hash" })] });
    await expect(collect(testClient().listCommits("acme", "web", "main"))).rejects.toThrow(/values\[0\]\.hash: /);
  });

  it("throws ResourceUnavailableError on a 404 without naming the revision", async () => {
    nock(ORIGIN).get(`${REPO}/commits/CANARY-MAIN`).query(true).reply(404, {});
    const error = await collect(testClient().listCommits("acme", "web", "CANARY-MAIN")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceUnavailableError);
    expect(error).toMatchObject({ resource: "commits", status: 404 });
    expect((error as Error).message).not.toContain("CANARY");
  });
});
