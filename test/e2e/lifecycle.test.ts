/**
 * The whole life of an install, with the built CLI in a temp home: login through
 * a scripted browser → sync → status → a second sync while the first runs (refused at once by the lock) →
 * disconnect --purge. Afterwards the home holds only the deletion receipt, the keychain holds nothing of the
 * tool, and Corvana recorded the deletion. Runs with the file store, and with the real OS keychain where
 * there is one (CI: scripts/with-keyring.sh and CORVANA_BB_REQUIRE_KEYCHAIN=1).
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKeychainCredentialStore, keychainService } from "../../src/auth/keychain-credential-store.ts";
import { type BitbucketSandbox, CANARY, generateWorkspace, startBitbucketSandbox } from "../../src/sandbox/index.ts";
import { type RunningOAuthSandbox, startOAuthSandbox } from "../../src/sandbox/oauth/oauth-sandbox.ts";
import { keychainEnv, keychainRequired, keychainUnavailable } from "../helpers/keychain-probe.ts";
import { freePort } from "../helpers/login-world.ts";
import { type RecordedCorvana, startRecordedCorvana } from "../helpers/recorded-corvana.ts";
import { cliEnv, repoRoot, runCli, startCli } from "../helpers/run-cli.ts";
import { createTempHome } from "../helpers/temp-home.ts";

const browser = path.join(repoRoot, "test", "e2e", "fixtures", "browser.mjs");
const secret = "e2e-lifecycle-consumer-secret-5a7c";
const enrollmentCode = "LIFECYCLE-CODE";

let bitbucket: BitbucketSandbox;
let oauth: RunningOAuthSandbox;
let corvana: RecordedCorvana;
let port: number;
const scratch = createTempHome("corvana-bb-e2e-lifecycle-scratch-");

beforeAll(async () => {
  expect(fs.existsSync(path.join(repoRoot, "dist", "cli", "main.js")), "run `npm run build` first").toBe(true);
  port = await freePort();
  bitbucket = await startBitbucketSandbox({
    model: generateWorkspace({ seed: 11, repositories: 3, pullRequestsPerRepository: 20 }),
    tokens: [],
  });
  oauth = await startOAuthSandbox({
    consumers: [
      {
        key: "lifecycle-consumer",
        secret,
        callbackUrl: `http://127.0.0.1:${port}/callback`,
        scopes: ["account", "repository", "pullrequest", "pipeline"],
      },
    ],
    onAccessToken: (token, expiresAt) => bitbucket.tokens.add(token, { expiresAt }),
  });
  corvana = await startRecordedCorvana({ enrollmentCodes: [enrollmentCode] });
});
afterAll(async () => {
  await Promise.all([bitbucket.close(), oauth.close(), corvana.close()]);
  scratch.remove();
});

const keychainMissing = await keychainUnavailable();
if (keychainMissing !== undefined && !keychainRequired) {
  console.warn(
    `Running the lifecycle with the file store only: ${keychainMissing} (run under scripts/with-keyring.sh).`,
  );
}
const stores = keychainMissing !== undefined && !keychainRequired ? ["file"] : ["file", "keychain"];

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe.each(stores)("the whole life of an install (%s credential store)", (backend) => {
  const home = createTempHome(`corvana-bb-e2e-lifecycle-${backend}-`);
  afterAll(() => home.remove());

  const env = (extra: Record<string, string> = {}) =>
    cliEnv({
      HOME: home.dir,
      CORVANA_BB_HOME: home.dir,
      CORVANA_BB_CREDENTIAL_STORE: backend,
      CORVANA_BB_BITBUCKET_OAUTH_URL: oauth.url,
      CORVANA_BB_BITBUCKET_API_URL: bitbucket.url,
      CORVANA_BB_CORVANA_URL: corvana.url,
      CORVANA_BB_CALLBACK_PORT: String(port),
      CORVANA_BB_CLIENT_ID: "lifecycle-consumer",
      CORVANA_BB_CLIENT_SECRET: secret,
      CORVANA_BB_ENROLLMENT_CODE: enrollmentCode,
      BROWSER: `${process.execPath} ${browser}`,
      // Outside the home: afterwards the home must hold only what the tool documents.
      E2E_BROWSER_LOG: path.join(scratch.dir, `browser-${backend}.log`),
      ...(backend === "keychain" ? keychainEnv() : {}),
      ...extra,
    });
  const outputs: string[] = [];
  const lockFile = () => path.join(home.dir, "data", "locks", "sync.lock");

  it("logs in through the browser and enrolls", async () => {
    const login = await runCli(["login"], env());
    outputs.push(login.stdout, login.stderr);
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toMatch(/Enrolled with Corvana as collector col_/);
    if (backend === "keychain") expect(fs.existsSync(path.join(home.dir, "data", "credentials.json"))).toBe(false);
  });

  it("syncs, and status shows a connected, enrolled install with its cache", async () => {
    const sync = await runCli(["sync"], env());
    outputs.push(sync.stdout, sync.stderr);
    expect(sync.code, sync.stderr).toBe(0);

    const status = await runCli(["status", "--remote"], env());
    outputs.push(status.stdout, status.stderr);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("[ok] Bitbucket    connected");
    expect(status.stdout).toMatch(/\[ok\] Corvana {6}enrolled as collector col_/);
    expect(status.stdout).toContain("server       active");
    expect(status.stdout).toContain("Recent syncs");
    for (const line of status.stdout.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it("refuses a second sync at once while the first one runs (exit 7)", async () => {
    bitbucket.setFaults({ latencyMs: 150 });
    let first: ReturnType<typeof startCli> | undefined;
    try {
      first = startCli(["sync", "--full"], env());
      await expect
        .poll(() => fs.existsSync(lockFile()), {
          timeout: 15_000,
          message: "the running sync holds data/locks/sync.lock",
        })
        .toBe(true);
      const started = Date.now();
      const second = await runCli(["sync"], env());
      outputs.push(second.stdout, second.stderr);
      expect(second.code, second.stderr).toBe(7);
      expect(second.stderr).toContain("Another corvana-bb sync is running");
      expect(Date.now() - started).toBeLessThan(5_000);
      const done = await first.done;
      outputs.push(done.stdout, done.stderr);
      expect(done.code, done.stderr).toBe(0);
      expect(fs.existsSync(lockFile())).toBe(false);
    } finally {
      await first?.done;
      bitbucket.setFaults({});
    }
  });

  it("disconnects with --purge: Corvana records the deletion, and only the receipt is left", async () => {
    const collectorId = [...corvana.sandbox.collectors.keys()].at(-1);
    const purge = await runCli(["disconnect", "--purge", "--yes"], env());
    outputs.push(purge.stdout, purge.stderr);
    expect(purge.code, purge.stderr).toBe(0);

    const deletion = corvana.sandbox.deletions.find((d) => d.collectorId === collectorId);
    expect(deletion).toMatchObject({ deletionId: expect.stringMatching(/^del_/) });
    expect(corvana.requests).toContain(`DELETE /v1/collectors/${collectorId}?purge=true`);
    expect(filesUnder(home.dir)).toEqual(["deletion-receipt.json"]);
    const receipt = JSON.parse(fs.readFileSync(path.join(home.dir, "deletion-receipt.json"), "utf8"));
    expect(receipt.corvana).toEqual({
      status: "deletion-accepted",
      deletionId: deletion?.deletionId,
      completeBy: deletion?.completeBy,
    });
    expect(purge.stdout).toContain(`deletion id   ${deletion?.deletionId}`);
    expect(purge.stdout).toContain("Personal settings → App authorizations");

    if (backend === "keychain") {
      const keychain = createKeychainCredentialStore({
        service: keychainService(path.resolve(home.dir)),
        timeoutMs: 5_000,
      });
      expect(await keychain.list?.()).toEqual([]);
    }

    const after = await runCli(["status"], env());
    expect(after.code).toBe(3);
    expect(filesUnder(home.dir), "status after a purge creates nothing").toEqual(["deletion-receipt.json"]);
  });

  it("never printed a secret or a canary", () => {
    for (const output of outputs) {
      expect(output).not.toContain(secret);
      expect(output).not.toContain(CANARY);
    }
  });
});
