import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { normalizeTimestamp } from "../../src/bitbucket/timestamps.ts";
import {
  addCommit,
  addPipeline,
  addPullRequest,
  assertSandboxClean,
  type BitbucketSandbox,
  completePipeline,
  expectedCounts,
  formatMicros,
  generateWorkspace,
  listPipelines,
  listPullRequests,
  setClock,
  startBitbucketSandbox,
  touchPullRequest,
} from "../../src/sandbox/index.ts";
import { crawlDatabase, crawlOnce, dumpAll, rowsChangedIn } from "../helpers/crawl-harness.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
let home: { dir: string; remove(): void };

beforeEach(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 33, repositories: 5, pullRequestsPerRepository: 30, withoutPipelines: 0.2 }),
  });
  home = createTempHome();
});

afterEach(async () => {
  assertSandboxClean(sandbox);
  await sandbox.close();
  home.remove();
});

type Row = Record<string, unknown>;
const hour = 60 * 60 * 1000;

/** Moves the sandbox clock forward. */
function advance(ms: number): Date {
  const at = new Date(Date.parse(sandbox.model.now) + ms);
  setClock(sandbox.model, at);
  return at;
}

function repository(index: number) {
  const repo = sandbox.model.repositories[index];
  if (repo === undefined) throw new Error(`no repository ${index}`);
  return repo;
}

/** A push moves the repository's updated_on, as on Bitbucket. */
function push(index: number, at: Date) {
  const repo = repository(index);
  const commit = addCommit(sandbox.model, repo.slug, at);
  repo.updatedOn = formatMicros(at.getTime() * 1000);
  return commit;
}

describe("an incremental crawl", () => {
  it("makes only the requests needed to learn that nothing changed, and changes no row", async () => {
    await crawlOnce(sandbox, home.dir);
    const before = dumpAll(crawlDatabase(home.dir));
    const sent = sandbox.requests.length;
    advance(hour);
    const second = await crawlOnce(sandbox, home.dir);
    const withPipelines = sandbox.model.repositories.filter((r) => r.pipelinesUnavailable === null).length;
    // The repository list, one pull-request page per repository, one pipeline page per repository with Pipelines.
    expect(sandbox.requests.length - sent).toBe(1 + 5 + withPipelines);
    const paths = sandbox.requests.slice(sent).map((r) => r.path);
    expect(paths.filter((p) => p.includes("/activity"))).toEqual([]);
    expect(second.recordsChanged).toBe(0);
    expect(dumpAll(crawlDatabase(home.dir))).toEqual(before);
    for (const table of [
      "pull_requests",
      "pr_events",
      "pipelines",
      "deployments",
      "commits",
      "branch_stats",
    ] as const) {
      expect(rowsChangedIn(crawlDatabase(home.dir), table, second.runId), table).toEqual([]);
    }
  });

  it("picks up a touched pull request, a merge, a new pipeline, a completed pipeline and a new commit", async () => {
    await crawlOnce(sandbox, home.dir);
    const repo = repository(0);
    expect(repo.pipelinesUnavailable).toBeNull();
    const at = advance(hour);
    const open = listPullRequests(sandbox.model, repo.slug).filter((pr) => pr.state === "OPEN");
    const [approved, merged] = open;
    if (approved === undefined || merged === undefined) throw new Error("need two open pull requests");
    touchPullRequest(sandbox.model, repo.slug, approved.id, at);
    touchPullRequest(sandbox.model, repo.slug, merged.id, new Date(at.getTime() + 1000), { state: "MERGED" });
    const added = addPullRequest(sandbox.model, repo.slug, new Date(at.getTime() + 2000));
    const running = listPipelines(sandbox.model, repo.slug).find((p) => p.state !== "COMPLETED");
    if (running === undefined) throw new Error("need a running pipeline");
    completePipeline(sandbox.model, repo.slug, running.uuid, new Date(at.getTime() + 3000), "FAILED");
    const fresh = addPipeline(sandbox.model, repo.slug, new Date(at.getTime() + 4000), { state: "COMPLETED" });
    const commit = push(0, new Date(at.getTime() + 5000));
    const sent = sandbox.requests.length;

    const second = await crawlOnce(sandbox, home.dir);
    expect(second.recordsChanged).toBeGreaterThan(0);
    const activity = sandbox.requests.slice(sent).filter((r) => r.path.includes("/activity"));
    expect(activity.map((r) => r.path.split("/").at(-2)).sort()).toEqual(
      [approved.id, merged.id, added.id].map(String).sort(),
    );
    const dump = dumpAll(crawlDatabase(home.dir));
    const find = (rows: Row[], match: Row) =>
      rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v)) as Row | undefined;
    const events = dump.pr_events.filter((e) => e.repo_uuid === repo.uuid && e.pr_id === approved.id);
    expect(events.some((e) => e.kind === "approval" && e.occurred_on === at.toISOString())).toBe(true);
    const mergedRow = find(dump.pull_requests, { repo_uuid: repo.uuid, id: merged.id });
    expect(mergedRow?.state).toBe("MERGED");
    expect(mergedRow?.merged_on).toBe(new Date(at.getTime() + 1000).toISOString());
    expect(find(dump.pull_requests, { repo_uuid: repo.uuid, id: added.id })).toBeDefined();
    expect(find(dump.pipelines, { uuid: running.uuid })).toMatchObject({ state: "COMPLETED", result: "FAILED" });
    expect(find(dump.pipelines, { uuid: fresh.uuid })).toMatchObject({ state: "COMPLETED" });
    expect(find(dump.commits, { repo_uuid: repo.uuid, hash: commit.hash })).toBeDefined();
    const expected = expectedCounts(sandbox.model, repo.slug);
    expect(dump.deployments.filter((d) => d.repo_uuid === repo.uuid)).toHaveLength(expected.deployments);
    expect(dump.commits.filter((c) => c.repo_uuid === repo.uuid)).toHaveLength(expected.commits);
    expect(dump.pr_events.filter((e) => e.repo_uuid === repo.uuid)).toHaveLength(expected.activityEntries);

    // And a third run finds nothing new again.
    const third = await crawlOnce(sandbox, home.dir);
    expect(third.recordsChanged).toBe(0);
  });

  it("reads the steps of pipelines that start after steps were turned on, within the per-run cap", async () => {
    await crawlOnce(sandbox, home.dir, { settings: { steps: "new" } });
    expect(dumpAll(crawlDatabase(home.dir)).pipeline_steps).toEqual([]);
    expect(sandbox.requests.some((r) => r.path.endsWith("/steps"))).toBe(false);
    const repo = repository(0);
    const at = advance(hour);
    const first = addPipeline(sandbox.model, repo.slug, at, { state: "COMPLETED" });
    const second = addPipeline(sandbox.model, repo.slug, new Date(at.getTime() + 1000), { state: "COMPLETED" });
    await crawlOnce(sandbox, home.dir, { settings: { steps: "new", maxStepRequestsPerRun: 1 } });
    const stored = () => new Set(dumpAll(crawlDatabase(home.dir)).pipeline_steps.map((s) => s.pipeline_uuid));
    expect([...stored()]).toEqual([second.uuid]);
    await crawlOnce(sandbox, home.dir, { settings: { steps: "new", maxStepRequestsPerRun: 1 } });
    expect(stored()).toEqual(new Set([first.uuid, second.uuid]));
    const steps = dumpAll(crawlDatabase(home.dir)).pipeline_steps.filter((s) => s.pipeline_uuid === first.uuid);
    expect(steps).toHaveLength(first.steps.length);
  });

  it("marks a repository without Pipelines and asks again only after a week or with --full", async () => {
    const without = sandbox.model.repositories.find((r) => r.pipelinesUnavailable !== null);
    if (without === undefined) throw new Error("need a repository without Pipelines");
    const pipelineCalls = () => sandbox.requests.filter((r) => r.path.includes(`/${without.slug}/pipelines`)).length;
    const first = await crawlOnce(sandbox, home.dir);
    expect(first.outcome).toBe("success");
    expect(pipelineCalls()).toBe(1);
    const flag = dumpAll(crawlDatabase(home.dir)).repository_flags.find((f) => f.repo_uuid === without.uuid);
    expect(flag).toMatchObject({ pipelines: "no", pipelines_checked_on: sandbox.model.now });
    expect(sandbox.requests.some((r) => r.path.includes(`/${without.slug}/deployments`))).toBe(false);

    advance(6 * 24 * hour);
    await crawlOnce(sandbox, home.dir);
    expect(pipelineCalls()).toBe(1);
    advance(2 * 24 * hour);
    await crawlOnce(sandbox, home.dir);
    expect(pipelineCalls()).toBe(2);
    await crawlOnce(sandbox, home.dir, { full: true });
    expect(pipelineCalls()).toBe(3);
  });

  it("re-crawls everything with --full and ends with the same content", async () => {
    await crawlOnce(sandbox, home.dir);
    const before = dumpAll(crawlDatabase(home.dir));
    const sent = sandbox.requests.length;
    const full = await crawlOnce(sandbox, home.dir, { full: true });
    expect(full.recordsChanged).toBe(0);
    expect(dumpAll(crawlDatabase(home.dir))).toEqual(before);
    const again = sandbox.requests.slice(sent).map((r) => r.path);
    expect(again.filter((p) => p.endsWith("/pullrequests/activity"))).toHaveLength(
      sandbox.requests.slice(0, sent).filter((r) => r.path.endsWith("/pullrequests/activity")).length,
    );
  });

  it("stores pull request times as UTC whatever form Bitbucket sent", async () => {
    await crawlOnce(sandbox, home.dir);
    const dump = dumpAll(crawlDatabase(home.dir));
    const utc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const row of dump.pipelines) expect(row.created_on).toMatch(utc);
    for (const row of dump.commits) expect(row.committed_on).toMatch(utc);
    for (const row of dump.pr_events) expect(row.occurred_on).toMatch(utc);
    for (const row of dump.deployments) if (row.started_on !== null) expect(row.started_on).toMatch(utc);
    const pr = listPullRequests(sandbox.model, repository(0).slug)[0];
    const stored = dump.pull_requests.find((r) => r.repo_uuid === repository(0).uuid && r.id === pr?.id);
    expect(stored?.updated_on).toBe(normalizeTimestamp(pr?.updatedOn ?? ""));
  });
});
