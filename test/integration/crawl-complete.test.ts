import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { normalizeTimestamp } from "../../src/bitbucket/timestamps.ts";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  CANARY,
  expectedCounts,
  generateWorkspace,
  listPipelines,
  listPullRequests,
  personalIdentifiers,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";
import { crawlDatabase, crawlOnce, dumpAll } from "../helpers/crawl-harness.ts";
import { databaseBytes } from "../helpers/db-dump.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
let home: { dir: string; remove(): void };

beforeEach(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 21, repositories: 5, pullRequestsPerRepository: 40, withoutPipelines: 0.4 }),
  });
  home = createTempHome();
});

afterEach(async () => {
  // No content endpoint, no unknown endpoint, no sandbox crash.
  assertSandboxClean(sandbox);
  await sandbox.close();
  home.remove();
});

type Row = Record<string, unknown>;
const of = (rows: Row[], repoUuid: string) => rows.filter((r) => r.repo_uuid === repoUuid);
const pagesOf = (n: number, pagelen: number) => Math.max(1, Math.ceil(n / pagelen));

describe("the complete crawl against the sandbox", () => {
  it("stores every pull request, event, pipeline, step, environment, deployment, branch count and commit", async () => {
    const result = await crawlOnce(sandbox, home.dir, { settings: { steps: "all", maxStepRequestsPerRun: 10_000 } });
    expect(result.outcome).toBe("success");
    expect(result.withoutPipelines).toBe(2);
    const dump = dumpAll(crawlDatabase(home.dir));
    for (const repo of sandbox.model.repositories) {
      const expected = expectedCounts(sandbox.model, repo.slug);
      const completedSteps = listPipelines(sandbox.model, repo.slug)
        .filter((p) => p.state === "COMPLETED")
        .reduce((n, p) => n + p.steps.length, 0);
      expect(of(dump.pull_requests, repo.uuid), repo.slug).toHaveLength(expected.pullRequests);
      // The sandbox's updates are each an opening, a push or a close: one event per activity entry.
      expect(of(dump.pr_events, repo.uuid), repo.slug).toHaveLength(expected.activityEntries);
      expect(of(dump.pipelines, repo.uuid), repo.slug).toHaveLength(expected.pipelines);
      expect(of(dump.pipeline_steps, repo.uuid), repo.slug).toHaveLength(completedSteps);
      expect(of(dump.environments, repo.uuid), repo.slug).toHaveLength(expected.environments);
      expect(of(dump.deployments, repo.uuid), repo.slug).toHaveLength(expected.deployments);
      expect(of(dump.commits, repo.uuid), repo.slug).toHaveLength(expected.commits);
      expect(of(dump.commits, repo.uuid).filter((c) => c.is_merge === 1)).toHaveLength(expected.mergeCommits);
      const stats = of(dump.branch_stats, repo.uuid);
      expect(stats).toHaveLength(7);
      expect(
        stats.reduce((n, r) => n + (r.branches as number), 0),
        repo.slug,
      ).toBe(expected.branches);
      expect(
        stats.reduce((n, r) => n + (r.stale as number), 0),
        repo.slug,
      ).toBe(expected.staleBranches);
      const flag = of(dump.repository_flags, repo.uuid)[0];
      expect(flag?.pipelines, repo.slug).toBe(expected.pipelinesUnavailable === null ? "yes" : "no");
    }
  });

  it("derives merged, declined, first-review and first-approval times from the events", async () => {
    await crawlOnce(sandbox, home.dir);
    const dump = dumpAll(crawlDatabase(home.dir));
    for (const repo of sandbox.model.repositories) {
      for (const pr of listPullRequests(sandbox.model, repo.slug)) {
        const row = dump.pull_requests.find((r) => r.repo_uuid === repo.uuid && r.id === pr.id) as Row;
        const closedAt = normalizeTimestamp(pr.updatedOn);
        expect(row.merged_on, `${repo.slug}#${pr.id}`).toBe(pr.state === "MERGED" ? closedAt : null);
        expect(row.declined_on, `${repo.slug}#${pr.id}`).toBe(pr.state === "DECLINED" ? closedAt : null);
        const approvals = pr.participants.filter((p) => p.state === "approved" && p.person !== pr.author);
        const firstApproval = approvals.map((p) => normalizeTimestamp(p.participatedOn ?? "")).sort()[0] ?? null;
        expect(row.first_approval_on, `${repo.slug}#${pr.id}`).toBe(firstApproval);
        if (firstApproval !== null) expect((row.first_review_on as string) <= firstApproval).toBe(true);
      }
    }
  });

  it("asks for all four pull request states, sends fields= on every call and stays within the pagelen caps", async () => {
    await crawlOnce(sandbox, home.dir, { settings: { steps: "all" } });
    const caps: [RegExp, number][] = [
      [/\/pullrequests(\/\d+)?\/activity$/, 50],
      [/\/pullrequests$/, 50],
      [/\/deployments$/, 50],
      [/./, 100],
    ];
    const lists = sandbox.requests.filter((r) => r.query.pagelen !== undefined);
    expect(lists.length).toBeGreaterThan(20);
    for (const request of sandbox.requests) {
      expect(request.query.fields?.[0], request.path).toBeTruthy();
      const pagelen = request.query.pagelen?.[0];
      if (pagelen === undefined) continue;
      const cap = caps.find(([re]) => re.test(request.path))?.[1] ?? 100;
      expect(Number(pagelen), request.path).toBeLessThanOrEqual(cap);
    }
    for (const request of sandbox.requests.filter((r) => r.path.endsWith("/pullrequests"))) {
      expect(request.query.state?.sort()).toEqual(["DECLINED", "MERGED", "OPEN", "SUPERSEDED"]);
    }
    for (const path of ["/pullrequests/activity", "/pipelines", "/environments", "/deployments", "/refs/branches"]) {
      expect(
        sandbox.requests.some((r) => r.path.endsWith(path)),
        path,
      ).toBe(true);
    }
    expect(sandbox.requests.some((r) => r.path.includes("/effective-branching-model"))).toBe(true);
    expect(sandbox.requests.some((r) => /\/commits\/[^/]+$/.test(r.path))).toBe(true);
  });

  it("makes within 5% of the fewest requests the API allows for a full crawl without steps", async () => {
    const result = await crawlOnce(sandbox, home.dir);
    let minimum = pagesOf(sandbox.model.repositories.length, 100);
    for (const repo of sandbox.model.repositories) {
      const e = expectedCounts(sandbox.model, repo.slug);
      minimum += pagesOf(e.pullRequests, 50) + pagesOf(e.activityEntries, 50);
      minimum += e.pipelinesUnavailable === null ? pagesOf(e.pipelines, 100) + 1 + pagesOf(e.deployments, 100) : 1;
      minimum += 1 + pagesOf(e.branches, 100) + pagesOf(e.commits, 100);
    }
    expect(result.requests).toBeGreaterThanOrEqual(minimum);
    expect(result.requests).toBeLessThanOrEqual(Math.ceil(minimum * 1.05));
  });

  it("bounds a first sync by the look-back window", async () => {
    const lookbackDays = 200;
    await crawlOnce(sandbox, home.dir, { lookbackDays });
    const start = new Date(Date.parse(sandbox.model.now) - lookbackDays * 24 * 60 * 60 * 1000);
    const dump = dumpAll(crawlDatabase(home.dir));
    for (const repo of sandbox.model.repositories) {
      const e = expectedCounts(sandbox.model, repo.slug);
      const updated = listPullRequests(sandbox.model, repo.slug).filter(
        (pr) => (normalizeTimestamp(pr.updatedOn) ?? "") > start.toISOString(),
      );
      expect(of(dump.pull_requests, repo.uuid), repo.slug).toHaveLength(updated.length);
      expect(of(dump.pipelines, repo.uuid), repo.slug).toHaveLength(e.pipelinesSince(start));
      expect(of(dump.commits, repo.uuid), repo.slug).toHaveLength(e.commitsSince(start));
      expect(of(dump.pipelines, repo.uuid).every((p) => (p.created_on as string) >= start.toISOString())).toBe(true);
    }
    const prLists = sandbox.requests.filter((r) => r.path.endsWith("/pullrequests"));
    expect(prLists.map((r) => r.query.q?.[0])).toEqual(prLists.map(() => `updated_on>${start.toISOString()}`));
  });

  it("crawls only the repositories the include and exclude globs select", async () => {
    const [first, second, third] = sandbox.model.repositories.map((r) => r.slug);
    const result = await crawlOnce(sandbox, home.dir, {
      includeRepositories: ["repo-00?"],
      excludeRepositories: [first ?? "", `${second}*`],
    });
    expect(result.repositories).toBe(3);
    const dump = dumpAll(crawlDatabase(home.dir));
    expect(dump.repositories.map((r) => r.slug)).not.toContain(first);
    expect(dump.repositories.map((r) => r.slug)).toContain(third);
    expect(sandbox.requests.some((r) => r.path.includes(`/${first}/`))).toBe(false);
  });

  it("never writes a canary, an account uuid, an account id or an e-mail address into the database or its WAL", async () => {
    await crawlOnce(sandbox, home.dir, { settings: { steps: "all" } });
    const bytes = databaseBytes(crawlDatabase(home.dir), fs).toString("latin1");
    expect(bytes).not.toContain(CANARY);
    const ids = personalIdentifiers(sandbox.model);
    for (const value of [...ids.bareUuids, ...ids.accountIds, ...ids.emails]) expect(bytes).not.toContain(value);
  });
});
