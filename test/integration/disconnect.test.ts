/**
 * `disconnect` through the CLI layer with a real credential store (the file, and the OS keychain where there
 * is one) and a loopback Corvana: confirmation rules, revocation, a purge that leaves nothing but the
 * receipt, the offline case, and that a running sync blocks it.
 */
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withSyncLock } from "../../src/app/sync-lock.ts";
import type { CredentialStore } from "../../src/auth/credential-store.ts";
import { runLogin } from "../../src/auth/login.ts";
import { openCredentialStore } from "../../src/auth/open-credential-store.ts";
import { ExitCode } from "../../src/errors.ts";
import { openStore } from "../../src/store/store.ts";
import { runInProcess } from "../helpers/in-process-cli.ts";
import { keychainRequired, keychainUnavailable } from "../helpers/keychain-probe.ts";
import { consumer, enrollmentCode, type LoginWorld, startLoginWorld } from "../helpers/login-world.ts";
import { type RecordedCorvana, startRecordedCorvana } from "../helpers/recorded-corvana.ts";

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

/** Logs in (client credentials) and enrolls, then lays down the files a few syncs would leave. */
async function installed(overrides: NodeJS.ProcessEnv = {}): Promise<CredentialStore> {
  const config = world.config({ CORVANA_BB_CORVANA_URL: corvana.url, ...overrides });
  const store = await openCredentialStore(config);
  await runLogin({
    config,
    store,
    mode: "client-credentials",
    timeoutMs: 10_000,
    rotateKey: false,
    enrollmentCode,
    onSignal: () => () => undefined,
    report: () => undefined,
  });
  const { paths } = config;
  fs.mkdirSync(paths.bundlesDir, { recursive: true });
  fs.mkdirSync(paths.logsDir, { recursive: true });
  openStore(paths.databaseFile).close();
  fs.writeFileSync(path.join(paths.bundlesDir, "pending.bundle"), "bundle");
  fs.writeFileSync(path.join(paths.logsDir, "sync.log"), "log");
  return store;
}

/** Every file under a directory, relative to it. */
function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

const collectorOf = (): string => [...corvana.sandbox.collectors.keys()][0] ?? "(none enrolled)";

describe("disconnect: confirmation", () => {
  it("refuses without --yes when there is no terminal to ask on, and changes nothing", async () => {
    await installed();
    const before = filesUnder(world.home);
    const result = await runInProcess(["disconnect", "--purge"], env);
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain("Pass --yes to confirm: corvana-bb disconnect --purge --yes");
    expect(filesUnder(world.home)).toEqual(before);
    expect(corvana.sandbox.deletions).toEqual([]);
  });

  it("on a terminal shows what will happen and does nothing unless the answer is yes", async () => {
    await installed();
    const declined = await runInProcess(["disconnect", "--purge"], env, { tty: true, input: "n\n" });
    expect(declined.code).toBe(0);
    expect(declined.stderr).toContain("corvana-bb disconnect --purge will:");
    expect(declined.stderr).toMatch(/ask Corvana \(.*\) to delete all data collected by\s+collector col_/);
    expect(declined.stderr).toContain("Continue? [y/N]");
    expect(declined.stderr).toContain("Nothing was changed.");
    expect(corvana.sandbox.deletions).toEqual([]);

    const confirmed = await runInProcess(["disconnect", "--purge"], env, { tty: true, input: "y\n" });
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(corvana.sandbox.deletions).toHaveLength(1);
  });
});

describe("disconnect", () => {
  it("without --purge revokes the collector and removes every credential entry, keeping the cache", async () => {
    await installed();
    const result = await runInProcess(["disconnect", "--yes"], env);
    expect(result.code, result.stderr).toBe(0);
    expect(corvana.requests.at(-1)).toBe(`DELETE /v1/collectors/${collectorOf()}`);
    expect(corvana.sandbox.collectors.get(collectorOf())?.status).toBe("revoked");
    expect(corvana.sandbox.deletions, "no data deletion without --purge").toEqual([]);
    expect(result.stdout).toContain(`Corvana revoked collector ${collectorOf()}`);
    expect(result.stdout).toMatch(
      /Removed from .*:\s+bitbucket:sandbox-workspace, corvana-collector, install-secret,\s+signing-key\./,
    );
    // A client-credentials login has no user grant to revoke, only the consumer.
    expect(result.stdout).toMatch(/OAuth\s+consumers → delete the corvana-bb consumer/);
    expect(fs.existsSync(world.config().paths.credentialsFile)).toBe(false);
    expect(fs.existsSync(world.config().paths.databaseFile)).toBe(true);
    expect((await runInProcess(["status"], env)).code).toBe(ExitCode.loginRequired);
  });

  it("with --purge gets Corvana's receipt and leaves nothing but the receipt under the home", async () => {
    await installed();
    const collectorId = collectorOf();
    const result = await runInProcess(["disconnect", "--purge", "--yes"], env);
    expect(result.code, result.stderr).toBe(0);

    expect(corvana.sandbox.deletions).toHaveLength(1);
    const deletion = corvana.sandbox.deletions[0];
    expect(deletion).toMatchObject({ collectorId, deletionId: expect.stringMatching(/^del_/) });
    expect(corvana.requests).toContain(`DELETE /v1/collectors/${collectorId}?purge=true`);
    expect(corvana.sandbox.collectors.get(collectorId)?.status).toBe("purged");
    expect(filesUnder(world.home)).toEqual(["deletion-receipt.json"]);
    expect(fs.readdirSync(world.home)).toEqual(["deletion-receipt.json"]);

    const receipt = JSON.parse(fs.readFileSync(path.join(world.home, "deletion-receipt.json"), "utf8"));
    expect(receipt).toMatchObject({
      receipt: "corvana-bb deletion receipt",
      collectorId,
      workspaces: ["sandbox-workspace"],
      corvana: { status: "deletion-accepted", deletionId: deletion?.deletionId, completeBy: deletion?.completeBy },
      local: {
        credentialEntriesRemoved: ["bitbucket:sandbox-workspace", "corvana-collector", "install-secret", "signing-key"],
        leftInPlace: [],
      },
    });
    expect(receipt.local.filesRemoved.map((r: { path: string }) => path.relative(world.home, r.path)).sort()).toEqual([
      "config.json",
      "data",
      "logs",
    ]);
    expect(fs.statSync(path.join(world.home, "deletion-receipt.json")).mode & 0o777).toBe(0o600);

    expect(result.stdout).toContain(`deletion id   ${deletion?.deletionId}`);
    expect(result.stdout).toContain("Deletion receipt, kept in");
    expect(result.stdout).toMatch(/data\/ \(\d+ files\)/);
    const printed = `${result.stdout}${result.stderr}${fs.readFileSync(path.join(world.home, "deletion-receipt.json"), "utf8")}`;
    expect(printed).not.toContain(consumer.secret);
    expect(printed).not.toContain(corvana.sandbox.collectors.get(collectorId)?.ingestToken);
  });

  it("offline purges locally, keeps a receipt saying what remains at Corvana, and exits 5", async () => {
    await installed();
    const collectorId = collectorOf();
    await corvana.close();
    const result = await runInProcess(["disconnect", "--purge", "--yes"], env);
    expect(result.code).toBe(ExitCode.partial);
    expect(result.stdout).toContain("NOT DONE at Corvana: Cannot reach Corvana");
    expect(result.stderr).toMatch(/^error: Disconnected locally, but not at Corvana/m);
    expect(result.stderr).toContain(`hint: Ask Corvana to delete all data collected by collector ${collectorId}`);
    expect(filesUnder(world.home)).toEqual(["deletion-receipt.json"]);
    const receipt = JSON.parse(fs.readFileSync(path.join(world.home, "deletion-receipt.json"), "utf8"));
    expect(receipt).toMatchObject({ collectorId, corvana: { status: "pending-at-corvana" } });
    expect(receipt.corvana.todo).toContain(collectorId);
  });

  it("keeps an earlier receipt inside the next one", async () => {
    await installed();
    expect((await runInProcess(["disconnect", "--purge", "--yes"], env)).code).toBe(0);
    const first = JSON.parse(fs.readFileSync(path.join(world.home, "deletion-receipt.json"), "utf8"));
    expect((await runInProcess(["disconnect", "--purge", "--yes"], env)).code).toBe(0);
    const second = JSON.parse(fs.readFileSync(path.join(world.home, "deletion-receipt.json"), "utf8"));
    expect(second.corvana).toEqual({ status: "not-enrolled" });
    expect(second.previous).toEqual([first]);
    expect(filesUnder(world.home)).toEqual(["deletion-receipt.json"]);
  });

  it("exits 7 and touches nothing while a sync holds the lock", async () => {
    await installed();
    const before = filesUnder(world.home);
    const result = await withSyncLock(world.config(), () => runInProcess(["disconnect", "--purge", "--yes"], env));
    expect(result.code).toBe(ExitCode.locked);
    expect(result.stderr).toContain("Another corvana-bb sync is running");
    expect(corvana.sandbox.deletions).toEqual([]);
    expect(filesUnder(world.home)).toEqual(before);
  });
});

const keychainMissing = await keychainUnavailable();
if (keychainMissing !== undefined && !keychainRequired) {
  console.warn(`Skipping the keychain purge test: ${keychainMissing} (run under scripts/with-keyring.sh).`);
}

describe.skipIf(keychainMissing !== undefined && !keychainRequired)("disconnect with the OS keychain", () => {
  it("leaves no entry of the install in the keychain and nothing but the receipt on disk", async () => {
    expect(keychainMissing).toBeUndefined();
    const keychainEnv = { ...env, CORVANA_BB_CREDENTIAL_STORE: "keychain" };
    const store = await installed({ CORVANA_BB_CREDENTIAL_STORE: "keychain" });
    expect(store.backend).toBe("keychain");
    expect((await store.list?.())?.length).toBe(4);
    try {
      const result = await runInProcess(["disconnect", "--purge", "--yes"], keychainEnv);
      expect(result.code, result.stderr).toBe(0);
      expect(await store.list?.()).toEqual([]);
      for (const name of ["install-secret", "signing-key", "corvana-collector", "bitbucket:sandbox-workspace"]) {
        expect(await store.get(name)).toBeUndefined();
      }
      expect(filesUnder(world.home)).toEqual(["deletion-receipt.json"]);
    } finally {
      for (const name of (await store.list?.()) ?? []) await store.delete(name);
    }
  });
});
