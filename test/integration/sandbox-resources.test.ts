/**
 * The sandbox's Bitbucket resources over HTTP: pagination to the end, pagelen caps, the pipelines
 * bug that omits `next`, repositories without Pipelines, iterator cursors, and deployments that
 * ignore `q`. The expectations come from the model's list functions, not from the server.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addCommit,
  assertSandboxClean,
  type BitbucketSandbox,
  deriveBranches,
  deriveBranchingModel,
  formatMicros,
  generateWorkspace,
  listActivity,
  listCommits,
  listDeployments,
  listEnvironments,
  listPipelineSteps,
  listPipelines,
  requireRepository,
  type SandboxModel,
  startBitbucketSandbox,
  touchPullRequest,
} from "../../src/sandbox/index.ts";

type Json = Record<string, unknown> & { values: Array<Record<string, unknown>>; next?: string };

let model: SandboxModel;
let sandbox: BitbucketSandbox;

beforeEach(async () => {
  // repo-002 has no Pipelines (404), repo-004 neither (403).
  model = generateWorkspace({
    seed: 61,
    repositories: 4,
    pullRequestsPerRepository: 40,
    pipelinesPerRepository: 130,
    commitsPerRepository: 250,
    withoutPipelines: 0.5,
  });
  sandbox = await startBitbucketSandbox({ model });
});

afterEach(async () => {
  await sandbox.close();
  assertSandboxClean(sandbox);
});

const repo = (slug: string) => `/repositories/corvana-sandbox/${slug}`;

async function get(pathOrUrl: string): Promise<{ status: number; body: Json }> {
  const url = pathOrUrl.startsWith("http") ? pathOrUrl : `${sandbox.url}${pathOrUrl}`;
  const response = await fetch(url, { headers: { authorization: "Bearer sandbox-token" } });
  return { status: response.status, body: (await response.json()) as Json };
}

/** Follows `next` links verbatim to the end (from a path or a URL); checks each stays on the endpoint. */
async function walk(pathOrUrl: string): Promise<{ values: Array<Record<string, unknown>>; pages: Json[] }> {
  const pages: Json[] = [];
  let next: string | undefined = pathOrUrl.startsWith("http") ? pathOrUrl : `${sandbox.url}${pathOrUrl}`;
  const endpoint = new URL(next).pathname;
  while (next !== undefined) {
    expect(new URL(next).pathname).toBe(endpoint);
    const { status, body }: { status: number; body: Json } = await get(next);
    expect(status).toBe(200);
    pages.push(body);
    next = body.next;
    expect(pages.length).toBeLessThan(200);
  }
  return { values: pages.flatMap((p) => p.values), pages };
}

/** Requests page 1, 2, … itself until a short page, as clients must for pipelines and steps. */
async function pageByNumber(path: string, pagelen: number): Promise<Array<Record<string, unknown>>> {
  const values: Array<Record<string, unknown>> = [];
  for (let page = 1; ; page++) {
    const { body } = await get(`${path}${path.includes("?") ? "&" : "?"}pagelen=${pagelen}&page=${page}`);
    values.push(...body.values);
    if (body.values.length < pagelen) return values;
  }
}

const activityKey = (v: Record<string, unknown>) => {
  const entry = (v.update ?? v.approval ?? v.changes_requested ?? v.comment) as Record<string, unknown>;
  const kind = ["update", "approval", "changes_requested", "comment"].find((k) => k in v);
  return `${(v.pull_request as { id: number }).id}:${kind}:${entry.date ?? entry.created_on}`;
};

describe("Bitbucket sandbox: pull request activity", () => {
  it("walks the repository-wide feed newest first with opaque ctx cursors, every entry once", async () => {
    const expected = listActivity(model, "repo-001");
    const { values, pages } = await walk(`${repo("repo-001")}/pullrequests/activity?pagelen=50`);
    expect(values.map(activityKey)).toEqual(
      expected.map((e) => `${e.pullRequestId}:${e.kind}:${formatMicros(e.micros)}`),
    );
    expect(new Set(values.map(activityKey)).size).toBe(expected.length);
    expect(pages).toHaveLength(Math.ceil(expected.length / 50));
    for (const page of pages.slice(0, -1)) {
      const next = new URL(page.next ?? "");
      expect(next.searchParams.get("ctx")).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(next.searchParams.get("pagelen")).toBe("50");
      expect(next.searchParams.has("page")).toBe(false);
      expect(page).not.toHaveProperty("size");
    }
    expect(pages.at(-1)).not.toHaveProperty("next");
  });

  it("keeps a walk exact when new activity arrives at the top mid-walk", async () => {
    const before = listActivity(model, "repo-001").length;
    const first = await get(`${repo("repo-001")}/pullrequests/activity?pagelen=20&fields=next,values.pull_request.id`);
    touchPullRequest(model, "repo-001", 7, new Date("2026-06-02T00:00:00Z"));
    const rest = await walk(first.body.next ?? "");
    expect(first.body.values.length + rest.values.length).toBe(before);
    const fresh = await get(`${repo("repo-001")}/pullrequests/activity?pagelen=1`);
    expect(fresh.body.values[0]).toHaveProperty("approval.pullrequest.id", 7);
  });

  it("walks one pull request's feed and answers 404 for a pull request that does not exist", async () => {
    const { values } = await walk(`${repo("repo-003")}/pullrequests/5/activity?pagelen=2`);
    const expected = listActivity(model, "repo-003").filter((e) => e.pullRequestId === 5);
    expect(values).toHaveLength(expected.length);
    expect(new Set(values.map(activityKey)).size).toBe(expected.length);
    expect((await get(`${repo("repo-003")}/pullrequests/41/activity`)).status).toBe(404);
  });
});

describe("Bitbucket sandbox: pipelines and steps", () => {
  it("lists every run once, newest first with sort=-created_on and oldest first by default", async () => {
    const fields = "fields=next,page,pagelen,size,values.build_number,values.created_on";
    const newest = await walk(`${repo("repo-001")}/pipelines?sort=-created_on&pagelen=100&${fields}`);
    expect(newest.values.map((v) => v.build_number)).toEqual(Array.from({ length: 130 }, (_, i) => 130 - i));
    expect(newest.pages[0]).toMatchObject({ page: 1, pagelen: 100, size: 130 });
    const oldest = await walk(`${repo("repo-001")}/pipelines?pagelen=100&${fields}`);
    expect(oldest.values.map((v) => v.build_number)).toEqual(Array.from({ length: 130 }, (_, i) => i + 1));
    const created = newest.values.map((v) => String(v.created_on));
    for (const time of created) expect(time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
    expect(created.some((time) => /\.\d{7,9}Z$/.test(time))).toBe(true);
  });

  it("omits next when told to, so only paging by number reaches the later runs and steps", async () => {
    sandbox.setFaults({ omitPipelineNext: true });
    const first = await get(`${repo("repo-003")}/pipelines?sort=-created_on&pagelen=100`);
    expect(first.body).not.toHaveProperty("next");
    expect(first.body).toMatchObject({ size: 130, page: 1 });
    const all = await pageByNumber(`${repo("repo-003")}/pipelines?sort=-created_on`, 100);
    expect(all.map((v) => v.uuid)).toEqual(
      listPipelines(model, "repo-003")
        .map((p) => p.uuid)
        .reverse(),
    );
    const run = listPipelines(model, "repo-003").find((p) => p.steps.length >= 3);
    const steps = `${repo("repo-003")}/pipelines/${encodeURIComponent(run?.uuid ?? "")}/steps`;
    expect((await get(`${steps}?pagelen=1`)).body).not.toHaveProperty("next");
    const stepValues = await pageByNumber(steps, 1);
    expect(stepValues.map((v) => v.uuid)).toEqual(
      listPipelineSteps(model, "repo-003", run?.uuid ?? "").map((s) => s.uuid),
    );
  });

  it("omits next on some pages when given a probability", async () => {
    sandbox.setFaults({ omitPipelineNext: 0.5 });
    const pages = await Promise.all(Array.from({ length: 30 }, () => get(`${repo("repo-001")}/pipelines?pagelen=10`)));
    const withNext = pages.filter((p) => p.body.next !== undefined).length;
    expect(withNext).toBeGreaterThan(3);
    expect(withNext).toBeLessThan(27);
  });

  it("serves one run by its URL-encoded braced uuid, with or without braces, and 404 for an unknown one", async () => {
    const run = listPipelines(model, "repo-001")[41];
    const braced = await get(`${repo("repo-001")}/pipelines/${encodeURIComponent(run?.uuid ?? "")}`);
    expect(braced.body).toMatchObject({ uuid: run?.uuid, build_number: 42 });
    expect((await get(`${repo("repo-001")}/pipelines/${run?.uuid.slice(1, -1)}`)).body.uuid).toBe(run?.uuid);
    expect((await get(`${repo("repo-001")}/pipelines/%7B00000000-0000-4000-8000-000000000000%7D`)).status).toBe(404);
  });

  it("answers 404 or 403 with a JSON error for every Pipelines resource of a repository without Pipelines", async () => {
    for (const [slug, status] of [
      ["repo-002", 404],
      ["repo-004", 403],
    ] as const) {
      for (const resource of [
        "pipelines",
        "pipelines/%7Ba%7D",
        "pipelines/%7Ba%7D/steps",
        "environments",
        "deployments",
      ]) {
        const { status: got, body } = await get(`${repo(slug)}/${resource}`);
        expect([resource, got]).toEqual([resource, status]);
        expect(body.type).toBe("error");
      }
      expect((await get(`${repo(slug)}/pullrequests/activity`)).status).toBe(200);
    }
  });
});

describe("Bitbucket sandbox: pagelen caps", () => {
  it("rejects a pagelen above each endpoint's cap with Bitbucket's 400 and accepts the cap", async () => {
    const run = encodeURIComponent(listPipelines(model, "repo-001")[0]?.uuid ?? "");
    for (const [path, cap] of [
      ["pullrequests/activity", 50],
      ["pullrequests/3/activity", 50],
      ["pipelines", 100],
      [`pipelines/${run}/steps`, 100],
      ["environments", 100],
      ["deployments", 100],
      ["refs/branches", 100],
      ["commits/main", 100],
    ] as const) {
      const tooBig = await get(`${repo("repo-001")}/${path}?pagelen=${cap + 1}`);
      expect([path, tooBig.status, tooBig.body]).toEqual([
        path,
        400,
        { type: "error", error: { message: "Invalid pagelen" } },
      ]);
      expect([path, (await get(`${repo("repo-001")}/${path}?pagelen=${cap}`)).status]).toEqual([path, 200]);
    }
  });
});

describe("Bitbucket sandbox: environments and deployments", () => {
  it("lists every deployment newest first by page number, ignoring q and refusing sort", async () => {
    const expected = listDeployments(model, "repo-001").map((d) => d.step.deploymentUuid);
    const { values } = await walk(`${repo("repo-001")}/deployments?pagelen=50&fields=next,values.uuid`);
    expect(values.map((v) => v.uuid)).toEqual(expected);
    const filtered = await get(`${repo("repo-001")}/deployments?pagelen=50&q=created_on%3E2099-01-01T00:00:00`);
    expect(filtered.body.size).toBe(expected.length);
    expect((await get(`${repo("repo-001")}/deployments?sort=created_on`)).status).toBe(400);
    const environments = await walk(`${repo("repo-001")}/environments?pagelen=1`);
    expect(environments.values.map((v) => v.uuid)).toEqual(listEnvironments(model, "repo-001").map((e) => e.uuid));
    expect(environments.values.map((v) => (v.environment_type as { name: string }).name).slice(0, 3)).toEqual([
      "Test",
      "Staging",
      "Production",
    ]);
  });
});

describe("Bitbucket sandbox: branches, branching model and commits", () => {
  it("lists every branch once by name and serves the effective branching model", async () => {
    const branches = deriveBranches(model, requireRepository(model, "repo-001"));
    const { values } = await walk(
      `${repo("repo-001")}/refs/branches?pagelen=7&fields=next,values.name,values.target.date`,
    );
    expect(values.map((v) => v.name)).toEqual(branches.map((b) => b.name).sort());
    expect(Object.keys(values[0] ?? {})).toEqual(["name", "target"]);
    const { body } = await get(`${repo("repo-001")}/effective-branching-model`);
    const expected = deriveBranchingModel(model, requireRepository(model, "repo-001"));
    expect(body).toMatchObject({
      type: "effective_repo_branching_model",
      development: { name: expected.development.name },
    });
    expect(body.branch_types).toEqual(expected.branchTypes);
    expect("production" in body).toBe(expected.production !== null);
  });

  it("walks main-branch commits with opaque page cursors and no size, exact even when a commit lands mid-walk", async () => {
    const expected = listCommits(model, "repo-001").map((c) => c.hash);
    const first = await get(`${repo("repo-001")}/commits/main?pagelen=100&fields=next,values.hash,values.date`);
    expect(first.body).not.toHaveProperty("size");
    const cursor = new URL(first.body.next ?? "").searchParams.get("page") ?? "";
    expect(cursor).not.toMatch(/^\d+$/);
    addCommit(model, "repo-001", new Date("2026-06-02T00:00:00Z"));
    const rest = await walk(first.body.next ?? "");
    const all = [...first.body.values, ...rest.values];
    expect(all.map((v) => v.hash)).toEqual(expected);
    const dates = all.map((v) => String(v.date));
    for (const date of dates) expect(date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00Z?$/);
    expect(dates.some((date) => date.endsWith("+00:00Z"))).toBe(true);
    const fromHash = await get(`${repo("repo-001")}/commits/${expected[200]}?pagelen=100`);
    expect(fromHash.body.values.map((v) => v.hash)).toEqual(expected.slice(200));
    expect((await get(`${repo("repo-001")}/commits/no-such-branch`)).status).toBe(404);
  });
});
