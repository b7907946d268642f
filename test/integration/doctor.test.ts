/**
 * `doctor` against loopback servers and a real file store: a healthy install passes every check; each
 * broken thing (no login, missing scopes, an unreachable Corvana, loose permissions, a skewed clock) fails
 * or warns with its fix, and the exit code says which kind of trouble it is.
 */
import fs from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DoctorCheck } from "../../src/app/doctor.ts";
import { runDoctor } from "../../src/app/doctor.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { runLogin } from "../../src/auth/login.ts";
import { ExitCode } from "../../src/errors.ts";
import { createHttpDispatcher } from "../../src/net/http-dispatcher.ts";
import { runInProcess } from "../helpers/in-process-cli.ts";
import { enrollmentCode, type LoginWorld, type LoginWorldOptions, startLoginWorld } from "../helpers/login-world.ts";
import { type RecordedCorvana, startRecordedCorvana } from "../helpers/recorded-corvana.ts";

let world: LoginWorld | undefined;
let corvana: RecordedCorvana;
let env: NodeJS.ProcessEnv;

async function start(options: LoginWorldOptions = {}): Promise<LoginWorld> {
  world = await startLoginWorld(options);
  corvana = await startRecordedCorvana({ enrollmentCodes: [enrollmentCode] });
  env = { ...world.env, CORVANA_BB_CORVANA_URL: corvana.url };
  return world;
}
afterEach(async () => {
  await Promise.all([world?.close(), corvana?.close().catch(() => undefined)]);
  world = undefined;
});

async function login(w: LoginWorld): Promise<void> {
  const config = w.config({ CORVANA_BB_CORVANA_URL: corvana.url });
  await runLogin({
    config,
    store: createFileCredentialStore(config.paths.credentialsFile),
    mode: "client-credentials",
    timeoutMs: 10_000,
    rotateKey: false,
    enrollmentCode,
    onSignal: () => () => undefined,
    report: () => undefined,
  });
}

async function doctorJson(): Promise<{ code: number; checks: DoctorCheck[]; stderr: string }> {
  const result = await runInProcess(["doctor", "--json"], env);
  const checks = (JSON.parse(result.stdout) as { checks: DoctorCheck[] }).checks;
  return { code: result.code, checks, stderr: result.stderr };
}

const byId = (checks: DoctorCheck[], id: string) => checks.find((c) => c.id === id);

describe("doctor", () => {
  beforeEach(() => {
    world = undefined;
  });

  it("passes every check on a healthy, enrolled install and exits 0", async () => {
    await login(await start());
    const result = await runInProcess(["doctor"], env);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
    expect(result.stdout).not.toMatch(/\[!!\]|\[\?\?\]/);
    const { checks } = await doctorJson();
    expect(checks.map((c) => `${c.id}:${c.status}`)).toEqual([
      "credential-store:ok",
      "login:ok",
      "consumer:ok",
      "bitbucket:ok",
      "bitbucket-login:ok",
      "scopes:ok",
      "corvana:ok",
      "clock:ok",
      "permissions:ok",
    ]);
    expect(result.stdout).toContain("[ok] Scopes            read-only: account, repository, pullrequest, pipeline");
    expect(result.stdout).toMatch(/\[ok\] Bitbucket {9}http:\/\/127\.0\.0\.1:\d+\/2\.0 answers \(direct, HTTP 200/);
    expect(result.stdout).toMatch(/\[ok\] Clock {13}agrees with the servers/);
    expect(result.stdout).toMatch(/checks: \d+ ok, 0 warnings, 0 failed/);
    for (const line of result.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("fails the login check with the command that fixes it, and exits 3, when nothing is saved", async () => {
    await start();
    const { code, checks, stderr } = await doctorJson();
    expect(code).toBe(ExitCode.loginRequired);
    expect(byId(checks, "login")).toMatchObject({ status: "fail", fix: expect.stringContaining("corvana-bb login") });
    expect(stderr).toMatch(/^error: 1 check failed: Bitbucket login\./m);
  });

  it("fails the scopes check when the consumer cannot read pipelines", async () => {
    await login(await start({ consumerScopes: ["account", "repository", "pullrequest"] }));
    const { code, checks } = await doctorJson();
    expect(code).toBe(ExitCode.loginRequired);
    expect(byId(checks, "scopes")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("missing pipeline"),
    });
  });

  it("fails reachability of Corvana with a network fix, and exits 4, when Corvana is down", async () => {
    await login(await start());
    await corvana.close();
    const { code, checks } = await doctorJson();
    expect(code).toBe(ExitCode.temporary);
    expect(byId(checks, "corvana")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("the connection was refused"),
      fix: expect.stringContaining("HTTPS_PROXY"),
    });
    expect(byId(checks, "bitbucket")?.status).toBe("ok");
  });

  it("fails the permission check with the chmod that fixes it, and exits 2", async () => {
    const w = await start();
    await login(w);
    fs.chmodSync(w.home, 0o755);
    const { code, checks } = await doctorJson();
    expect(code).toBe(ExitCode.usage);
    expect(byId(checks, "permissions")).toMatchObject({ status: "fail", fix: `chmod 0700 ${w.home}` });
  });

  it("warns when this machine's clock is minutes away from the servers'", async () => {
    const w = await start();
    await login(w);
    const http = createHttpDispatcher({});
    try {
      const report = await runDoctor(w.config({ CORVANA_BB_CORVANA_URL: corvana.url }), {
        env: {},
        dispatcher: http.dispatcher,
        proxy: http.proxy,
        now: () => Date.now() + 5 * 60_000,
      });
      expect(byId(report.checks, "clock")).toMatchObject({
        status: "warn",
        detail: expect.stringMatching(/^5 min ahead of/),
      });
      expect(report.exitCode).toBe(ExitCode.ok);
    } finally {
      await http.close();
    }
  });

  it("fails when NODE_EXTRA_CA_CERTS names a file Node could not use", async () => {
    const w = await start();
    await login(w);
    const { code, checks } = await (async () => {
      const result = await runInProcess(["doctor", "--json"], { ...env, NODE_EXTRA_CA_CERTS: `${w.home}/missing.pem` });
      return { code: result.code, checks: (JSON.parse(result.stdout) as { checks: DoctorCheck[] }).checks };
    })();
    expect(code).toBe(ExitCode.temporary);
    expect(byId(checks, "extra-ca")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("cannot be read"),
    });
  });
});
