/**
 * `login` through $BROWSER, then `sync` with no CORVANA_BB_TOKEN uses the stored
 * credentials; with a short access-token lifetime a later `sync` refreshes (rotating the refresh token) and succeeds.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningCorvanaSandbox, startCorvanaSandbox } from "../../src/sandbox/corvana/corvana-sandbox.ts";
import { type BitbucketSandbox, CANARY, generateWorkspace, startBitbucketSandbox } from "../../src/sandbox/index.ts";
import { type RunningOAuthSandbox, startOAuthSandbox } from "../../src/sandbox/oauth/oauth-sandbox.ts";
import { freePort } from "../helpers/login-world.ts";
import { cliEnv, repoRoot, runCli } from "../helpers/run-cli.ts";
import { createTempHome } from "../helpers/temp-home.ts";

const browser = path.join(repoRoot, "test", "e2e", "fixtures", "browser.mjs");
const secret = "e2e-sync-consumer-secret-77aa";

let bitbucket: BitbucketSandbox;
let oauth: RunningOAuthSandbox;
let corvana: RunningCorvanaSandbox;
let port: number;
const home = createTempHome("corvana-bb-e2e-login-sync-");
// The generated workspace spans two years; widen the 365-day first-sync window so every PR is in scope.
fs.writeFileSync(path.join(home.dir, "config.json"), JSON.stringify({ lookbackDays: 3650 }));

beforeAll(async () => {
  port = await freePort();
  bitbucket = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 9, repositories: 3, pullRequestsPerRepository: 30 }),
    tokens: [],
  });
  oauth = await startOAuthSandbox({
    consumers: [
      {
        key: "sync-consumer",
        secret,
        callbackUrl: `http://127.0.0.1:${port}/callback`,
        scopes: ["account", "repository", "pullrequest", "pipeline"],
      },
    ],
    // Shorter than the refresher's five-minute margin: every later run must refresh before its first request.
    accessTokenLifetimeSeconds: 120,
    onAccessToken: (token, expiresAt) => bitbucket.tokens.add(token, { expiresAt }),
  });
  corvana = await startCorvanaSandbox({ enrollmentCodes: ["SYNC-CODE"] });
});

afterAll(async () => {
  await Promise.all([bitbucket.close(), oauth.close(), corvana.close()]);
  home.remove();
});

const env = () =>
  cliEnv({
    HOME: home.dir,
    CORVANA_BB_HOME: home.dir,
    CORVANA_BB_CREDENTIAL_STORE: "file",
    CORVANA_BB_BITBUCKET_OAUTH_URL: oauth.url,
    CORVANA_BB_BITBUCKET_API_URL: bitbucket.url,
    CORVANA_BB_CORVANA_URL: corvana.url,
    CORVANA_BB_CALLBACK_PORT: String(port),
    CORVANA_BB_CLIENT_ID: "sync-consumer",
    CORVANA_BB_CLIENT_SECRET: secret,
    CORVANA_BB_ENROLLMENT_CODE: "SYNC-CODE",
    BROWSER: `${process.execPath} ${browser}`,
    E2E_BROWSER_LOG: path.join(home.dir, "browser.log"),
  });

const storedRefreshToken = () => {
  const entries = (
    JSON.parse(fs.readFileSync(path.join(home.dir, "data", "credentials.json"), "utf8")) as {
      entries: Record<string, string>;
    }
  ).entries;
  return (JSON.parse(entries[`bitbucket:${bitbucket.model.workspace.slug}`] ?? "{}") as { refreshToken?: string })
    .refreshToken;
};

describe("login, then sync with the stored credentials", () => {
  it("syncs without CORVANA_BB_TOKEN using what login stored, refreshing the short-lived token", async () => {
    const login = await runCli(["login"], env());
    expect(login.code, login.stderr).toBe(0);
    const afterLogin = storedRefreshToken();
    const refreshesBefore = oauth.tokenRequests.filter((r) => r.grant === "refresh_token").length;

    const sync = await runCli(["sync", "--no-upload"], env());
    expect(sync.code, sync.stderr).toBe(0);
    expect(sync.stdout).toMatch(/Synced workspace .*: 3 repositories/);
    expect(oauth.tokenRequests.filter((r) => r.grant === "refresh_token" && r.status === 200).length).toBe(
      refreshesBefore + 1,
    );
    const afterFirstSync = storedRefreshToken();
    expect(afterFirstSync).toBeDefined();
    expect(afterFirstSync).not.toBe(afterLogin);

    const again = await runCli(["sync", "--no-upload"], env());
    expect(again.code, again.stderr).toBe(0);
    expect(storedRefreshToken()).not.toBe(afterFirstSync);

    const status = JSON.parse((await runCli(["status", "--json"], env())).stdout) as {
      totals: { pullRequests: number };
    };
    expect(status.totals.pullRequests).toBe(3 * 30);
    for (const out of [login.stdout, login.stderr, sync.stdout, sync.stderr, again.stdout, again.stderr]) {
      expect(out).not.toContain(CANARY);
      expect(out).not.toContain(secret);
      expect(out).not.toContain(afterFirstSync);
    }
  });
});
