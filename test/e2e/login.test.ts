/**
 * `corvana-bb login` as a user runs it: the built CLI in a child process, $BROWSER set to a script that
 * plays the browser, the OAuth, REST and Corvana sandboxes on loopback, the file credential store in a
 * throwaway home. `sync` later reads what login saved through openCredentialStore + createBitbucketAuth.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningCorvanaSandbox, startCorvanaSandbox } from "../../src/sandbox/corvana/corvana-sandbox.ts";
import { type BitbucketSandbox, generateWorkspace, startBitbucketSandbox } from "../../src/sandbox/index.ts";
import { type RunningOAuthSandbox, startOAuthSandbox } from "../../src/sandbox/oauth/oauth-sandbox.ts";
import { freePort } from "../helpers/login-world.ts";
import { cliEnv, repoRoot, runCli } from "../helpers/run-cli.ts";
import { createTempHome } from "../helpers/temp-home.ts";

const browser = path.join(repoRoot, "test", "e2e", "fixtures", "browser.mjs");
const clientSecret = "e2e-consumer-secret-3b1d";
const enrollmentCode = "E2E-ENROLL-CODE";

let bitbucket: BitbucketSandbox;
let oauth: RunningOAuthSandbox;
let corvana: RunningCorvanaSandbox;
let port: number;
let home: { dir: string; remove(): void };

beforeAll(async () => {
  expect(fs.existsSync(path.join(repoRoot, "dist", "cli", "main.js")), "run `npm run build` first").toBe(true);
  port = await freePort();
  bitbucket = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 3, repositories: 2, pullRequestsPerRepository: 5 }),
    tokens: [],
  });
  oauth = await startOAuthSandbox({
    consumers: [
      {
        key: "e2e-consumer",
        secret: clientSecret,
        callbackUrl: `http://127.0.0.1:${port}/callback`,
        scopes: ["account", "repository", "pullrequest", "pipeline"],
      },
    ],
    // The REST sandbox accepts exactly the access tokens the OAuth sandbox issued, until they expire.
    onAccessToken: (token, expiresAt) => bitbucket.tokens.add(token, { expiresAt }),
  });
  corvana = await startCorvanaSandbox({ enrollmentCodes: [enrollmentCode] });
});
afterAll(async () => {
  await Promise.all([bitbucket.close(), oauth.close(), corvana.close()]);
});
beforeEach(() => {
  home = createTempHome("corvana-bb-e2e-login-");
});
afterEach(() => {
  home.remove();
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return cliEnv({
    HOME: home.dir,
    CORVANA_BB_HOME: home.dir,
    CORVANA_BB_CREDENTIAL_STORE: "file",
    CORVANA_BB_BITBUCKET_OAUTH_URL: oauth.url,
    CORVANA_BB_BITBUCKET_API_URL: bitbucket.url,
    CORVANA_BB_CORVANA_URL: corvana.url,
    CORVANA_BB_CALLBACK_PORT: String(port),
    CORVANA_BB_CLIENT_ID: "e2e-consumer",
    CORVANA_BB_CLIENT_SECRET: clientSecret,
    CORVANA_BB_ENROLLMENT_CODE: enrollmentCode,
    // xdg-open (used by `open` on Linux) runs $BROWSER when there is no display.
    BROWSER: `${process.execPath} ${browser}`,
    E2E_BROWSER_LOG: path.join(home.dir, "browser.log"),
    ...extra,
  });
}

describe("corvana-bb login (built CLI)", () => {
  it("logs in through $BROWSER, stores the credentials in a 0600 file, enrolls, and prints no secret", async () => {
    const run = await runCli(["login"], env());
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Logged in to Bitbucket workspace "${bitbucket.model.workspace.slug}"`);
    expect(run.stdout).toMatch(/Enrolled with Corvana as collector col_/);

    const file = path.join(home.dir, "data", "credentials.json");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const entries = (JSON.parse(fs.readFileSync(file, "utf8")) as { entries: Record<string, string> }).entries;
    const saved = JSON.parse(entries[`bitbucket:${bitbucket.model.workspace.slug}`] ?? "{}");
    expect(saved).toMatchObject({ kind: "oauth", clientId: "e2e-consumer" });
    expect(bitbucket.tokens.authenticate(`Bearer ${saved.accessToken}`).ok).toBe(true);

    const visit = JSON.parse(fs.readFileSync(path.join(home.dir, "browser.log"), "utf8").trim());
    expect(visit).toMatchObject({ authorizeStatus: 302, callbackStatus: 200 });
    const code = new URL(visit.redirectedTo).searchParams.get("code") ?? "";
    const collector = JSON.parse(entries["corvana-collector"] ?? "{}");
    const secrets = [
      saved.accessToken,
      saved.refreshToken,
      code,
      clientSecret,
      collector.ingestToken,
      ...(entries["signing-key"] ?? "").split("\n").filter((line) => line.length > 20),
    ];
    expect(secrets.every((secret) => typeof secret === "string" && secret.length > 0)).toBe(true);
    for (const secret of secrets) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });

  it("exits 2 without printing the secret when Bitbucket rejects the consumer secret", async () => {
    const wrong = "wrong-secret-value-9c2e";
    const run = await runCli(["login", "--timeout", "20"], env({ CORVANA_BB_CLIENT_SECRET: wrong }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("rejected the OAuth consumer key or secret");
    expect(`${run.stdout}${run.stderr}`).not.toContain(wrong);
    expect(fs.existsSync(path.join(home.dir, "data", "credentials.json"))).toBe(false);
  });
});
