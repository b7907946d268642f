import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { normalizeTimestamp } from "../../src/bitbucket/timestamps.ts";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  CANARY,
  generateWorkspace,
  listPullRequests,
  personalIdentifiers,
  startBitbucketSandbox,
  touchPullRequest,
} from "../../src/sandbox/index.ts";
import { databaseBytes, dumpContent } from "../helpers/db-dump.ts";
import { databaseFile, syncOnce } from "../helpers/sync-harness.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
let home: { dir: string; remove(): void };

beforeEach(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 11, repositories: 4, pullRequestsPerRepository: 60 }),
  });
  home = createTempHome();
});

afterEach(async () => {
  assertSandboxClean(sandbox);
  await sandbox.close();
  home.remove();
});

function expectedCounts() {
  return sandbox.model.repositories.map((repo) => {
    const prs = listPullRequests(sandbox.model, repo.slug);
    const byState = { OPEN: 0, MERGED: 0, DECLINED: 0, SUPERSEDED: 0 } as Record<string, number>;
    for (const pr of prs) byState[pr.state] = (byState[pr.state] ?? 0) + 1;
    const people = prs.reduce(
      (n, pr) => n + new Set([...pr.reviewers, ...pr.participants.map((p) => p.person)]).size,
      0,
    );
    return { slug: repo.slug, byState, people };
  });
}

describe("sync against the sandbox Bitbucket", () => {
  it("stores every repository and every pull request in all four states with their reviewers and participants", async () => {
    const result = await syncOnce(sandbox, home.dir);
    expect(result.outcome).toBe("success");
    const content = dumpContent(databaseFile(home.dir));
    expect(content.repositories).toHaveLength(4);
    for (const expected of expectedCounts()) {
      const repo = content.repositories?.find((r) => (r as { slug: string }).slug === expected.slug) as {
        uuid: string;
      };
      const prs = content.pull_requests?.filter((p) => (p as { repo_uuid: string }).repo_uuid === repo.uuid) as {
        state: string;
      }[];
      for (const state of ["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]) {
        expect(prs.filter((p) => p.state === state).length, `${expected.slug} ${state}`).toBe(expected.byState[state]);
        expect(expected.byState[state], `${expected.slug} has ${state} pull requests`).toBeGreaterThan(0);
      }
      const people = content.pr_participants?.filter((p) => (p as { repo_uuid: string }).repo_uuid === repo.uuid);
      expect(people).toHaveLength(expected.people);
    }
  });

  it("asks for all four states, pagelen within the caps and a fields projection on every list call", async () => {
    await syncOnce(sandbox, home.dir);
    const lists = sandbox.requests.filter((r) => r.path.endsWith("/pullrequests"));
    expect(lists.length).toBeGreaterThan(0);
    for (const request of lists) {
      expect(request.query.state?.sort()).toEqual(["DECLINED", "MERGED", "OPEN", "SUPERSEDED"]);
      expect(Number(request.query.pagelen?.[0])).toBeLessThanOrEqual(50);
      expect(request.query.fields?.[0]).toContain("values.participants.user.uuid");
    }
    for (const request of sandbox.requests) expect(request.query.fields, request.path).toBeDefined();
  });

  it("makes only the requests needed to learn that nothing changed on a second run, and changes nothing", async () => {
    await syncOnce(sandbox, home.dir);
    const before = dumpContent(databaseFile(home.dir));
    const sent = sandbox.requests.length;
    const second = await syncOnce(sandbox, home.dir);
    // One repository page (4 < 100), one pull-request page per repository, and the newest pipelines page of each
    // repository that has Pipelines (pipelines run without pushes: scheduled and manual runs).
    const withPipelines = sandbox.model.repositories.filter((r) => r.pipelinesUnavailable === null).length;
    expect(sandbox.requests.length - sent).toBe(1 + 4 + withPipelines);
    expect(second.recordsChanged).toBe(0);
    expect(dumpContent(databaseFile(home.dir))).toEqual(before);
  });

  it("picks up a pull request that changed since the last run", async () => {
    await syncOnce(sandbox, home.dir);
    const repo = sandbox.model.repositories[1];
    if (!repo) throw new Error("no repository");
    const changed = touchPullRequest(sandbox.model, repo.slug, 3, new Date());
    const second = await syncOnce(sandbox, home.dir);
    expect(second.recordsChanged).toBeGreaterThan(0);
    const content = dumpContent(databaseFile(home.dir));
    const repoUuid = repo.uuid;
    const stored = content.pull_requests?.find(
      (p) => (p as { repo_uuid: string }).repo_uuid === repoUuid && (p as { id: number }).id === 3,
    ) as { updated_on: string };
    expect(stored.updated_on).toBe(normalizeTimestamp(changed.updatedOn));
  });

  it("resumes after a run that failed mid-walk and ends with exactly the content of an uninterrupted run", async () => {
    const reference = createTempHome();
    try {
      await syncOnce(sandbox, reference.dir);
      const expected = dumpContent(databaseFile(reference.dir));

      sandbox.setFaults({
        failNext: [{ status: 503, times: 1000, pathIncludes: `/${sandbox.model.repositories[2]?.slug}/pullrequests` }],
      });
      await expect(syncOnce(sandbox, home.dir, { concurrency: 1 })).rejects.toThrow(/503/);
      sandbox.setFaults({});
      const partial = dumpContent(databaseFile(home.dir));
      expect(partial.pull_requests?.length).toBeLessThan(expected.pull_requests?.length ?? 0);

      await syncOnce(sandbox, home.dir);
      expect(dumpContent(databaseFile(home.dir))).toEqual(expected);
    } finally {
      reference.remove();
    }
  });

  it("stops cleanly when the request budget is spent and finishes on the next run", async () => {
    await expect(syncOnce(sandbox, home.dir, { requestBudget: 3 })).rejects.toMatchObject({ exitCode: 5 });
    const result = await syncOnce(sandbox, home.dir);
    expect(result.outcome).toBe("success");
    const content = dumpContent(databaseFile(home.dir));
    expect(content.pull_requests).toHaveLength(4 * 60);
  });

  it("completes through a storm of plain-text 429s (30%) and 5xx (5%) with bounded retries", async () => {
    const calm = createTempHome();
    const unthrottled = await syncOnce(sandbox, calm.dir);
    calm.remove();
    sandbox.setFaults({ rate429: 0.3, rate5xx: 0.05 });
    const result = await syncOnce(sandbox, home.dir);
    expect(result.outcome).toBe("success");
    expect(dumpContent(databaseFile(home.dir)).pull_requests).toHaveLength(4 * 60);
    // About 1 / (1 − 0.35) ≈ 1.5× the requests of a calm run; a retry storm would multiply them without bound.
    expect(result.requests).toBeLessThan(unthrottled.requests * 2);
    expect(result.throttled).toBeGreaterThan(0);
  });

  it("never writes a canary, an account uuid or an e-mail address into the database or its WAL", async () => {
    await syncOnce(sandbox, home.dir);
    const bytes = databaseBytes(databaseFile(home.dir), fs).toString("latin1");
    expect(bytes).not.toContain(CANARY);
    const ids = personalIdentifiers(sandbox.model);
    for (const value of [...ids.bareUuids, ...ids.accountIds, ...ids.emails]) expect(bytes).not.toContain(value);
  });
});
