/**
 * `status` as monitoring uses it, with the built CLI: a sync Bitbucket refused makes it exit 3 until a sync
 * succeeds again; without a terminal it prints no colour; with --log-format json its error is a JSON line.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BitbucketSandbox, generateWorkspace, startBitbucketSandbox } from "../../src/sandbox/index.ts";
import { cliEnv, runCli } from "../helpers/run-cli.ts";
import { createTempHome } from "../helpers/temp-home.ts";

let sandbox: BitbucketSandbox;
const home = createTempHome("corvana-bb-e2e-status-");

beforeAll(async () => {
  sandbox = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 8, repositories: 2, pullRequestsPerRepository: 10 }),
    tokens: ["status-good-token"],
  });
});
afterAll(async () => {
  await sandbox.close();
  home.remove();
});

const env = (token: string, extra: Record<string, string> = {}) =>
  cliEnv({
    CORVANA_BB_HOME: home.dir,
    CORVANA_BB_BITBUCKET_API_URL: sandbox.url,
    CORVANA_BB_TOKEN: token,
    CORVANA_BB_WORKSPACE: sandbox.model.workspace.slug,
    CORVANA_BB_CREDENTIAL_STORE: "file",
    ...extra,
  });

describe("status for monitoring (built CLI)", () => {
  it("exits 3 after Bitbucket refused the last sync, and 0 again once a sync succeeds", async () => {
    const refused = await runCli(["sync"], env("status-revoked-token"));
    expect(refused.code).toBe(3);

    const status = await runCli(["status"], env("status-revoked-token"));
    expect(status.code).toBe(3);
    expect(status.stdout).toContain("[!!] Bitbucket    needs login");
    expect(status.stdout).toContain("Bitbucket refused the last sync");
    expect(status.stderr).toMatch(/^error: Bitbucket needs a login: Bitbucket refused the last sync/m);
    expect(status.stdout).not.toContain("status-revoked-token");

    const synced = await runCli(["sync"], env("status-good-token"));
    expect(synced.code, synced.stderr).toBe(0);
    const healthy = await runCli(["status"], env("status-good-token"));
    expect(healthy.code, healthy.stderr).toBe(0);
    expect(healthy.stdout).toContain("[ok] Bitbucket    connected");
  });

  it("prints no colour without a terminal", async () => {
    const status = await runCli(["status"], env("status-good-token"));
    expect(`${status.stdout}${status.stderr}`).not.toContain("\u001b[");
  });

  it("reports its error as one JSON line on stderr with --log-format json", async () => {
    const fresh = createTempHome("corvana-bb-e2e-status-json-");
    try {
      const status = await runCli(
        ["--log-format", "json", "status", "--json"],
        cliEnv({ CORVANA_BB_HOME: fresh.dir, CORVANA_BB_CREDENTIAL_STORE: "file", CORVANA_BB_WORKSPACE: "w" }),
      );
      expect(status.code).toBe(3);
      expect(JSON.parse(status.stdout)).toMatchObject({ bitbucket: { state: "needs-login" }, exitCode: 3 });
      const lines = status.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0] ?? "")).toMatchObject({
        level: "error",
        msg: expect.stringContaining("Bitbucket needs a login"),
        hint: expect.stringContaining("corvana-bb login"),
        exitCode: 3,
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    } finally {
      fresh.remove();
    }
  });

  it("refuses an unknown --log-format with a usage error", async () => {
    const result = await runCli(["--log-format", "xml", "status"], env("status-good-token"));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Allowed choices are text, json");
  });
});
