import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  generateWorkspace,
  setClock,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";
import { type CrawlOptions, crawlDatabase, crawlOnce, dumpAll } from "../helpers/crawl-harness.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
let reference: { dir: string; remove(): void };
let expected: ReturnType<typeof dumpAll>;
let referenceRequests: number;
const homes: { dir: string; remove(): void }[] = [];
const settings: CrawlOptions["settings"] = { steps: "all", maxStepRequestsPerRun: 10_000 };

beforeAll(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({
      seed: 44,
      repositories: 4,
      pullRequestsPerRepository: 60,
      pipelinesPerRepository: 120,
      withoutPipelines: 0.25,
    }),
  });
  reference = createTempHome();
  const result = await crawlOnce(sandbox, reference.dir, { settings });
  referenceRequests = result.requests;
  expected = dumpAll(crawlDatabase(reference.dir));
});

afterAll(async () => {
  await sandbox.close();
  reference.remove();
});

beforeEach(() => {
  sandbox.setFaults({});
});

afterEach(() => {
  assertSandboxClean(sandbox);
  for (const home of homes.splice(0)) home.remove();
});

function newHome(): string {
  const home = createTempHome();
  homes.push(home);
  return home.dir;
}

describe("a crawl that stops part-way", () => {
  it("has a reference with every resource in it", () => {
    for (const table of [
      "pull_requests",
      "pr_events",
      "pipelines",
      "pipeline_steps",
      "deployments",
      "commits",
    ] as const) {
      expect(expected[table].length, table).toBeGreaterThan(0);
    }
  });

  it.each([1, 2, 5, 9, 17, 33, 60, 95, 140, 200])(
    "stopped after %i requests, resumes and ends with exactly the content of an uninterrupted crawl",
    async (stopAfter) => {
      const dir = newHome();
      await expect(crawlOnce(sandbox, dir, { settings, requestBudget: stopAfter })).rejects.toMatchObject({
        exitCode: 5,
      });
      const resumed = await crawlOnce(sandbox, dir, { settings });
      expect(resumed.outcome).toBe("success");
      expect(dumpAll(crawlDatabase(dir))).toEqual(expected);
    },
  );

  it("gets there through many short runs of 25 requests each, never losing or doubling a row", async () => {
    const dir = newHome();
    const sentBefore = sandbox.requests.length;
    let runs = 0;
    for (;;) {
      runs += 1;
      const outcome = await crawlOnce(sandbox, dir, { settings, requestBudget: 25, concurrency: 2 }).then(
        (result) => result.outcome,
        (error: { exitCode?: number }) => {
          expect(error.exitCode).toBe(5);
          return "partial";
        },
      );
      if (outcome === "success") break;
      expect(runs).toBeLessThan(200);
    }
    expect(runs).toBeGreaterThan(3);
    expect(dumpAll(crawlDatabase(dir))).toEqual(expected);
    // Interrupted walks are read again, but a run of 25 requests still pays for itself many times over.
    expect(sandbox.requests.length - sentBefore).toBeLessThan(referenceRequests * 2);
  });

  it("resumes after a run that failed on a 503 storm mid-walk", async () => {
    const dir = newHome();
    const slug = sandbox.model.repositories[0]?.slug;
    sandbox.setFaults({ failNext: [{ status: 503, times: 1000, pathIncludes: `/${slug}/pipelines` }] });
    await expect(crawlOnce(sandbox, dir, { settings, concurrency: 1 })).rejects.toMatchObject({ exitCode: 4 });
    sandbox.setFaults({});
    await crawlOnce(sandbox, dir, { settings });
    expect(dumpAll(crawlDatabase(dir))).toEqual(expected);
  });

  it("stops when the hourly budget is spent, shares it with the next run, and resumes an hour later", async () => {
    const dir = newHome();
    const start = sandbox.model.now;
    try {
      await expect(crawlOnce(sandbox, dir, { settings, hourlyBudget: 60 })).rejects.toThrow(/hourly request budget/);
      const sent = sandbox.requests.length;
      // A second run in the same hour has nothing left to spend: it stops before sending anything.
      await expect(crawlOnce(sandbox, dir, { settings, hourlyBudget: 60 })).rejects.toMatchObject({ exitCode: 5 });
      expect(sandbox.requests.length).toBe(sent);
      let runs = 0;
      for (;;) {
        setClock(sandbox.model, new Date(Date.parse(sandbox.model.now) + 61 * 60 * 1000));
        runs += 1;
        const result = await crawlOnce(sandbox, dir, { settings, hourlyBudget: 60 }).catch(() => undefined);
        if (result?.outcome === "success") break;
        expect(runs).toBeLessThan(100);
      }
    } finally {
      setClock(sandbox.model, new Date(start));
    }
    const dump = dumpAll(crawlDatabase(dir));
    // The branch snapshot and the Pipelines flag depend on the clock, which moved: compare the rest.
    for (const table of [
      "pull_requests",
      "pr_events",
      "pipelines",
      "pipeline_steps",
      "deployments",
      "commits",
    ] as const) {
      expect(dump[table], table).toEqual(expected[table]);
    }
  });

  it("completes through a storm of plain-text 429s (30%) without a retry storm", async () => {
    const dir = newHome();
    sandbox.setFaults({ rate429: 0.3, rate5xx: 0.02 });
    const result = await crawlOnce(sandbox, dir, { settings });
    expect(result.outcome).toBe("success");
    expect(result.throttled).toBeGreaterThan(0);
    expect(dumpAll(crawlDatabase(dir))).toEqual(expected);
    // 30% throttled means about 1/0.7 ≈ 1.4 times the requests; a retry storm would be far more.
    expect(result.requests).toBeLessThan(referenceRequests * 2);
  });

  it("pages pipelines and steps by number when Bitbucket leaves out `next`", async () => {
    const dir = newHome();
    sandbox.setFaults({ omitPipelineNext: true });
    await crawlOnce(sandbox, dir, { settings });
    expect(dumpAll(crawlDatabase(dir))).toEqual(expected);
    const pages = sandbox.requests.filter((r) => r.path.endsWith("/pipelines")).map((r) => r.query.page?.[0]);
    expect(pages).toContain("2");
  });
});
