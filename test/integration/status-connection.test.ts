/**
 * `status` — the connection part — through the CLI layer against loopback servers and a real file store:
 * connected or not (and the exit code monitoring alerts on), enrollment, Corvana's view with --remote
 * (and "offline" when it is down), a running sync, pending bundles, and JSON for scripts.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withSyncLock } from "../../src/app/sync-lock.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { runLogin } from "../../src/auth/login.ts";
import { ExitCode } from "../../src/errors.ts";
import { runInProcess } from "../helpers/in-process-cli.ts";
import { consumer, enrollmentCode, type LoginWorld, startLoginWorld } from "../helpers/login-world.ts";
import { type RecordedCorvana, startRecordedCorvana } from "../helpers/recorded-corvana.ts";
import { cliEnv, runCli } from "../helpers/run-cli.ts";

let world: LoginWorld;
let corvana: RecordedCorvana;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  world = await startLoginWorld();
  corvana = await startRecordedCorvana({ enrollmentCodes: [enrollmentCode] });
  env = { ...world.env, CORVANA_BB_CORVANA_URL: corvana.url };
});
afterEach(async () => {
  await Promise.all([world.close(), corvana.close().catch(() => undefined)]);
});

/** Logs in with the client-credentials grant (no browser needed), enrolling when asked. */
async function login(enroll: boolean): Promise<void> {
  const config = world.config({ CORVANA_BB_CORVANA_URL: corvana.url });
  await runLogin({
    config,
    store: createFileCredentialStore(config.paths.credentialsFile),
    mode: "client-credentials",
    timeoutMs: 10_000,
    rotateKey: false,
    enrollmentCode: enroll ? enrollmentCode : undefined,
    onSignal: () => () => undefined,
    report: () => undefined,
  });
}

describe("status: connection", () => {
  it("exits 3 with 'needs login' before any login, so monitoring can alert", async () => {
    const result = await runInProcess(["status"], env);
    expect(result.code).toBe(ExitCode.loginRequired);
    expect(result.stdout).toContain("[!!] Bitbucket    needs login");
    expect(result.stdout).toContain("not enrolled");
    expect(result.stderr).toMatch(/^error: Bitbucket needs a login: No saved Bitbucket credentials/m);
  });

  it("shows a connected, enrolled install and exits 0, making no network call without --remote", async () => {
    await login(true);
    const tokenRequests = world.oauth.tokenRequests.length;
    const apiRequests = world.api.authorizations.length;
    const result = await runInProcess(["status"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("[ok] Bitbucket    connected");
    expect(result.stdout).toContain("OAuth client credentials, renewed automatically");
    expect(result.stdout).toContain(world.config().paths.credentialsFile);
    expect(result.stdout).toMatch(/\[ok\] Corvana {6}enrolled as collector col_/);
    expect(result.stdout).toContain("not asked (add --remote)");
    expect(result.stdout).toContain("[ok] Sync         no sync running");
    expect(world.oauth.tokenRequests.length).toBe(tokenRequests);
    expect(world.api.authorizations.length).toBe(apiRequests);
    expect(corvana.requests).toEqual(["POST /v1/collectors"]);
    for (const line of result.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(result.stdout).not.toContain(consumer.secret);
  });

  it("with --remote shows Corvana's view, and 'offline' when Corvana is down", async () => {
    await login(true);
    const online = await runInProcess(["status", "--remote"], env);
    expect(online.code, online.stderr).toBe(0);
    expect(online.stdout).toContain("server       active; last bundle never, 0 bundles");
    expect(corvana.requests.filter((r) => r.startsWith("GET /v1/collectors/"))).toHaveLength(1);

    await corvana.close();
    const offline = await runInProcess(["status", "--remote"], env);
    expect(offline.code, "Corvana being down is not a Bitbucket login problem").toBe(0);
    expect(offline.stdout).toMatch(/\[!!\] Corvana/);
    expect(offline.stdout).toContain("offline: the connection was refused (ECONNREFUSED)");
  });

  it("shows a sync holding the lock and the bundles waiting for upload", async () => {
    await login(false);
    const config = world.config();
    fs.mkdirSync(config.paths.bundlesDir, { recursive: true });
    fs.writeFileSync(path.join(config.paths.bundlesDir, "b1.bundle"), "x");
    fs.writeFileSync(path.join(config.paths.bundlesDir, "b2.bundle.tmp"), "being written");
    const result = await withSyncLock(config, () => runInProcess(["status"], env));
    expect(result.stdout).toMatch(new RegExp(`Sync {9}running since .* \\(process ${process.pid} on `));
    expect(result.stdout).toContain("1 bundle waiting for upload since");
  });

  it("prints one JSON document with the cache part and the connection part", async () => {
    await login(true);
    const result = await runInProcess(["status", "--json"], env);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(json).toMatchObject({
      workspace: "sandbox-workspace",
      cacheExists: false,
      exitCode: 0,
      bitbucket: { state: "connected", backend: "file", credential: { kind: "client-credentials" } },
      corvana: { enrolled: true, collectorId: expect.stringMatching(/^col_/) },
      pendingBundles: { count: 0 },
      syncLock: { held: false },
    });
    expect(result.stdout).not.toMatch(/ingest|accessToken|clientSecret/i);
  });

  it("exits 2 with the way to choose the file backend when the keychain cannot be reached", async () => {
    // A child without a session bus: no Secret Service can answer, whatever the host has.
    const result = await runCli(
      ["status"],
      cliEnv({ CORVANA_BB_HOME: world.home, CORVANA_BB_CREDENTIAL_STORE: "keychain", CORVANA_BB_WORKSPACE: "w" }),
    );
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stdout).toContain("credential store unavailable");
    expect(result.stderr).toContain("CORVANA_BB_CREDENTIAL_STORE=file");
  }, 20_000);
});
