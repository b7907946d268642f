/**
 * The complete crawl through the built CLI: kill -9 at points spread over every resource, then a normal
 * run, must leave exactly the content of an uninterrupted run; and no canary or raw account identifier
 * may reach the database, its WAL, any file under the home directory, or the output.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BitbucketSandbox,
  CANARY,
  generateWorkspace,
  personalIdentifiers,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";
import { dumpAll } from "../helpers/crawl-harness.ts";
import { cliEnv, runCli, startCli } from "../helpers/run-cli.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
const homes: { dir: string; remove(): void }[] = [];
let reference: string;
let referenceDump: ReturnType<typeof comparable>;

// The whole generated history inside the window, every step read, two repositories at a time.
const config = { lookbackDays: 3650, steps: "all", maxStepRequestsPerRun: 100_000, concurrency: 2 };

beforeAll(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({
      seed: 9,
      repositories: 4,
      pullRequestsPerRepository: 50,
      pipelinesPerRepository: 40,
      withoutPipelines: 0.25,
    }),
    tokens: ["e2e-token"],
  });
  reference = newHome();
  const sync = await runCli(["sync", "--no-upload"], env(reference));
  expect(sync.stderr).not.toMatch(/error/i);
  expect(sync.code).toBe(0);
  referenceDump = comparable(dbFile(reference));
});

afterAll(async () => {
  await sandbox.close();
  for (const home of homes) home.remove();
});

function newHome(): string {
  const home = createTempHome("corvana-bb-crawl-e2e-");
  homes.push(home);
  fs.writeFileSync(path.join(home.dir, "config.json"), JSON.stringify(config));
  return home.dir;
}

function env(home: string) {
  return cliEnv({
    CORVANA_BB_HOME: home,
    CORVANA_BB_BITBUCKET_API_URL: sandbox.url,
    CORVANA_BB_TOKEN: "e2e-token",
    CORVANA_BB_WORKSPACE: sandbox.model.workspace.slug,
    CORVANA_BB_CREDENTIAL_STORE: "file",
  });
}

const dbFile = (home: string) => path.join(home, "data", "corvana-bb.sqlite");

/** The content, without the time each Pipelines check ran (the runs being compared ran at different times). */
function comparable(file: string) {
  const dump = dumpAll(file);
  return { ...dump, repository_flags: dump.repository_flags.map(({ pipelines_checked_on: _t, ...rest }) => rest) };
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("the complete crawl through the built CLI", () => {
  it("stores every resource in the reference run", () => {
    for (const table of [
      "pr_events",
      "pipelines",
      "pipeline_steps",
      "deployments",
      "branch_stats",
      "commits",
    ] as const) {
      expect(referenceDump[table].length, table).toBeGreaterThan(0);
    }
  });

  // Each kill lands after the n-th answered request of one resource, so every walk is cut somewhere.
  it.each([
    ["the repository list", /\/repositories\/[^/]+$/, 1],
    ["the pull request walk", /\/pullrequests$/, 2],
    ["the activity feed", /\/pullrequests\/activity$/, 3],
    ["the pipeline walk", /\/pipelines$/, 1],
    ["the step reads", /\/steps$/, 12],
    ["the deployments", /\/deployments$/, 1],
    ["the branch snapshot", /\/refs\/branches$/, 1],
    ["the commit walk", /\/commits\/[^/]+$/, 2],
  ] as const)("resumes after kill -9 in %s and ends with exactly the uninterrupted content", async (_what, path, n) => {
    const home = newHome();
    // The reference run's install secret, so that pseudonyms are comparable.
    fs.mkdirSync(pathOf(home, "data"), { recursive: true, mode: 0o700 });
    fs.copyFileSync(pathOf(reference, "data", "credentials.json"), pathOf(home, "data", "credentials.json"));
    sandbox.setFaults({ latencyMs: 15 });
    const before = sandbox.requests.length;
    const run = startCli(["sync", "--no-upload"], env(home));
    const answered = () => sandbox.requests.slice(before).filter((r) => path.test(r.path)).length;
    let exited = false;
    void run.done.then(() => {
      exited = true;
    });
    while (answered() < n && !exited) await new Promise((r) => setTimeout(r, 2));
    run.child.kill("SIGKILL");
    const killed = await run.done;
    sandbox.setFaults({});
    expect(killed.signal).toBe("SIGKILL");

    const resumed = await runCli(["sync", "--no-upload"], env(home));
    expect(resumed.stderr).not.toMatch(/error/i);
    expect(resumed.code).toBe(0);
    expect(comparable(dbFile(home))).toEqual(referenceDump);
    const status = JSON.parse((await runCli(["status", "--json"], env(home))).stdout) as {
      runs: { outcome: string }[];
    };
    expect(status.runs.map((r) => r.outcome).slice(0, 2)).toEqual(["success", "interrupted"]);
  });

  it("prints a JSON summary per resource and shows the new resources in status, with no canary or account id anywhere", async () => {
    const home = newHome();
    const sync = await runCli(["sync", "--no-upload", "--json"], env(home));
    expect(sync.code).toBe(0);
    const summary = JSON.parse(sync.stdout) as {
      fetched: Record<string, number>;
      requests: number;
      durationMs: number;
    };
    for (const resource of ["pullRequests", "prActivity", "pipelines", "pipelineSteps", "deployments", "commits"]) {
      expect(summary.fetched[resource], resource).toBeGreaterThan(0);
    }
    expect(summary.requests).toBeGreaterThan(0);
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    const again = await runCli(["sync", "--no-upload", "--full"], env(home));
    expect(again.code).toBe(0);
    const statusJson = await runCli(["status", "--json"], env(home));
    const parsed = JSON.parse(statusJson.stdout) as { resources: { pipelinesAvailable: string; pipelines: number }[] };
    expect(parsed.resources.map((r) => r.pipelinesAvailable).sort()).toEqual(["no", "yes", "yes", "yes"]);
    const table = await runCli(["status"], env(home));
    expect(table.stdout).toContain("Activity, pipelines and branches by repository");

    const ids = personalIdentifiers(sandbox.model);
    const forbidden = [CANARY, ...ids.bareUuids, ...ids.accountIds, ...ids.emails];
    const outputs = [sync, again, statusJson, table].flatMap((r) => [r.stdout, r.stderr]);
    for (const text of outputs) for (const value of forbidden) expect(text).not.toContain(value);
    for (const file of filesUnder(home)) {
      const bytes = fs.readFileSync(file).toString("latin1");
      for (const value of forbidden) expect(bytes, path.relative(home, file)).not.toContain(value);
    }
  });
});

function pathOf(...parts: string[]): string {
  return path.join(...parts);
}
