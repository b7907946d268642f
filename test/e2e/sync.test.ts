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
import { databaseBytes, dumpContent } from "../helpers/db-dump.ts";
import { cliEnv, runCli, startCli } from "../helpers/run-cli.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
const homes: { dir: string; remove(): void }[] = [];

beforeAll(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 5, repositories: 6, pullRequestsPerRepository: 120 }),
    tokens: ["e2e-token"],
  });
});

afterAll(async () => {
  await sandbox.close();
  for (const home of homes) home.remove();
});

function newHome(): string {
  const home = createTempHome("corvana-bb-e2e-");
  homes.push(home);
  // The generated workspace spans two years; widen the 365-day first-sync window so every PR is in scope.
  fs.writeFileSync(path.join(home.dir, "config.json"), JSON.stringify({ lookbackDays: 3650 }));
  return home.dir;
}

function env(home: string, extra: Record<string, string> = {}) {
  return cliEnv({
    CORVANA_BB_HOME: home,
    CORVANA_BB_BITBUCKET_API_URL: sandbox.url,
    CORVANA_BB_TOKEN: "e2e-token",
    CORVANA_BB_WORKSPACE: sandbox.model.workspace.slug,
    CORVANA_BB_CREDENTIAL_STORE: "file",
    ...extra,
  });
}

const dbFile = (home: string) => path.join(home, "data", "corvana-bb.sqlite");

describe("the built CLI", () => {
  let reference: string;

  it("syncs the workspace, prints a summary and exits 0; status --json shows all four states", async () => {
    reference = newHome();
    const sync = await runCli(["sync"], env(reference));
    expect(sync.stderr).not.toMatch(/error/i);
    expect(sync.code).toBe(0);
    expect(sync.stdout).toMatch(/Synced workspace corvana-sandbox: 6 repositories/);

    const status = await runCli(["status", "--json"], env(reference));
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as {
      totals: { pullRequests: number };
      runs: { outcome: string; requests: number }[];
      repositories: { pullRequests: Record<string, number> }[];
    };
    expect(parsed.totals.pullRequests).toBe(6 * 120);
    expect(parsed.runs[0]?.outcome).toBe("success");
    for (const state of ["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]) {
      expect(
        parsed.repositories.reduce((n, r) => n + (r.pullRequests[state] ?? 0), 0),
        state,
      ).toBeGreaterThan(0);
    }

    const table = await runCli(["status"], env(reference));
    expect(table.stdout).toContain("Pull requests by repository");
    for (const output of [sync.stdout, sync.stderr, status.stdout, table.stdout, table.stderr]) {
      expect(output).not.toContain(CANARY);
      expect(output).not.toContain("e2e-token");
      for (const uuid of personalIdentifiers(sandbox.model).bareUuids) expect(output).not.toContain(uuid);
    }
  });

  it("keeps the database, its WAL and its directory private to the user", () => {
    expect(fs.statSync(path.dirname(dbFile(reference))).mode & 0o777).toBe(0o700);
    for (const f of [dbFile(reference), `${dbFile(reference)}-wal`, `${dbFile(reference)}-shm`]) {
      if (fs.existsSync(f)) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
    }
    expect(databaseBytes(dbFile(reference), fs).toString("latin1")).not.toContain(CANARY);
  });

  it.each([2, 4, 7])(
    "resumes after kill -9 once %i requests were answered and ends with exactly the uninterrupted content",
    async (killAfter) => {
      const home = newHome();
      // Same install secret as the reference run, so pseudonyms are comparable.
      fs.mkdirSync(path.join(home, "data"), { recursive: true, mode: 0o700 });
      fs.copyFileSync(path.join(reference, "data", "credentials.json"), path.join(home, "data", "credentials.json"));
      sandbox.setFaults({ latencyMs: 25 });
      const before = sandbox.requests.length;
      const run = startCli(["sync"], env(home));
      while (sandbox.requests.length - before < killAfter) await new Promise((r) => setTimeout(r, 5));
      run.child.kill("SIGKILL");
      const killed = await run.done;
      sandbox.setFaults({});
      expect(killed.signal).toBe("SIGKILL");

      const resumed = await runCli(["sync"], env(home));
      expect(resumed.code).toBe(0);
      expect(dumpContent(dbFile(home))).toEqual(dumpContent(dbFile(reference)));
      const status = JSON.parse((await runCli(["status", "--json"], env(home))).stdout) as {
        runs: { outcome: string }[];
      };
      expect(status.runs.map((r) => r.outcome)).toEqual(["success", "interrupted"]);
    },
  );

  it("exits 3 with a hint when Bitbucket rejects the token", async () => {
    const result = await runCli(["sync"], env(newHome(), { CORVANA_BB_TOKEN: "wrong-token" }));
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/hint:/);
    expect(result.stderr).not.toContain("wrong-token");
  });

  it("exits 2 naming the setting when no workspace is configured", async () => {
    const result = await runCli(["sync"], env(newHome(), { CORVANA_BB_WORKSPACE: "" }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--workspace/);
  });
});
