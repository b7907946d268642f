import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExitCode, UsageError } from "../errors.ts";
import { defaults, loadConfig } from "./load-config.ts";

const homes: string[] = [];
function home(config?: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-config-"));
  homes.push(dir);
  if (config !== undefined) fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify(config));
  return dir;
}
afterEach(() => {
  for (const dir of homes.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("loadConfig", () => {
  it("puts every file under CORVANA_BB_HOME when it is set", () => {
    const dir = home();
    const config = loadConfig({ CORVANA_BB_HOME: dir });
    for (const p of [
      config.paths.configFile,
      config.paths.databaseFile,
      config.paths.bundlesDir,
      config.paths.logsDir,
    ]) {
      expect(p.startsWith(dir)).toBe(true);
    }
  });

  it("uses XDG directories on Linux when no home is set", () => {
    if (process.platform !== "linux") return;
    const saved = { ...process.env };
    try {
      process.env.XDG_CONFIG_HOME = "/tmp/xdg-config";
      process.env.XDG_DATA_HOME = "/tmp/xdg-data";
      const config = loadConfig({});
      expect(config.paths.configFile).toBe("/tmp/xdg-config/corvana-bb/config.json");
      expect(config.paths.databaseFile).toBe("/tmp/xdg-data/corvana-bb/corvana-bb.sqlite");
    } finally {
      process.env = saved;
    }
  });

  it("applies flag over environment over config file over default", () => {
    const dir = home({ workspace: "from-file", requestBudget: 10, callbackPort: 40000 });
    expect(loadConfig({ CORVANA_BB_HOME: dir }).workspace).toBe("from-file");
    expect(loadConfig({ CORVANA_BB_HOME: dir, CORVANA_BB_WORKSPACE: "from-env" }).workspace).toBe("from-env");
    const flagged = loadConfig({ CORVANA_BB_HOME: dir, CORVANA_BB_WORKSPACE: "from-env" }, { workspace: "from-flag" });
    expect(flagged.workspace).toBe("from-flag");
    expect(flagged.requestBudget).toBe(10);
    expect(loadConfig({ CORVANA_BB_HOME: dir, CORVANA_BB_CALLBACK_PORT: "41000" }).callbackPort).toBe(41000);
    expect(loadConfig({ CORVANA_BB_HOME: home() }).callbackPort).toBe(defaults.callbackPort);
  });

  it("reads every endpoint and credential variable of the documented contract", () => {
    const config = loadConfig({
      CORVANA_BB_HOME: home(),
      CORVANA_BB_BITBUCKET_API_URL: "http://127.0.0.1:9/2.0/",
      CORVANA_BB_BITBUCKET_OAUTH_URL: "http://127.0.0.1:9/site/oauth2",
      CORVANA_BB_CORVANA_URL: "http://127.0.0.1:10",
      CORVANA_BB_CLIENT_ID: "id",
      CORVANA_BB_CLIENT_SECRET: "secret",
      CORVANA_BB_TOKEN: "tok",
      CORVANA_BB_CREDENTIAL_STORE: "file",
      CORVANA_BB_ENROLLMENT_CODE: "code",
    });
    expect(config).toMatchObject({
      bitbucketApiUrl: "http://127.0.0.1:9/2.0",
      bitbucketOAuthUrl: "http://127.0.0.1:9/site/oauth2",
      corvanaUrl: "http://127.0.0.1:10",
      clientId: "id",
      clientSecret: "secret",
      token: "tok",
      credentialStore: "file",
      enrollmentCode: "code",
    });
  });

  it("names the key of an invalid config file value", () => {
    const dir = home({ requestBudget: "lots" });
    expect(() => loadConfig({ CORVANA_BB_HOME: dir })).toThrow(/"requestBudget"/);
  });

  it("names an unknown config file key instead of ignoring it", () => {
    const dir = home({ worksapce: "typo" });
    const error = (() => {
      try {
        loadConfig({ CORVANA_BB_HOME: dir });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toContain('"worksapce"');
    expect((error as UsageError).exitCode).toBe(ExitCode.usage);
  });

  it("rejects a config file that is not JSON with a usage error", () => {
    const dir = home();
    fs.writeFileSync(path.join(dir, "config.json"), "{ nope");
    expect(() => loadConfig({ CORVANA_BB_HOME: dir })).toThrow(UsageError);
  });

  it("rejects an unknown credential store and a malformed URL", () => {
    const dir = home();
    expect(() => loadConfig({ CORVANA_BB_HOME: dir, CORVANA_BB_CREDENTIAL_STORE: "plaintext" })).toThrow(
      /credential store/,
    );
    expect(() => loadConfig({ CORVANA_BB_HOME: dir, CORVANA_BB_BITBUCKET_API_URL: "ftp://x" })).toThrow(
      /CORVANA_BB_BITBUCKET_API_URL/,
    );
  });

  it("reads the crawl settings from the file, lets --steps and --lookback-days win, and has documented defaults", () => {
    const plain = loadConfig({ CORVANA_BB_HOME: home() });
    expect(plain).toMatchObject({
      hourlyRequestBudget: defaults.hourlyRequestBudget,
      lookbackDays: 365,
      steps: "off",
      maxStepRequestsPerRun: 200,
      staleBranchDays: 90,
    });
    const dir = home({ steps: "new", lookbackDays: 30, hourlyRequestBudget: 2500, staleBranchDays: 60 });
    expect(loadConfig({ CORVANA_BB_HOME: dir })).toMatchObject({
      steps: "new",
      lookbackDays: 30,
      hourlyRequestBudget: 2500,
      staleBranchDays: 60,
    });
    expect(loadConfig({ CORVANA_BB_HOME: dir }, { steps: "all", lookbackDays: 7 })).toMatchObject({
      steps: "all",
      lookbackDays: 7,
    });
  });

  it("refuses an unknown steps mode naming the flag and the key", () => {
    expect(() => loadConfig({ CORVANA_BB_HOME: home() }, { steps: "some" })).toThrow(/--steps .*"steps"/);
    expect(() => loadConfig({ CORVANA_BB_HOME: home({ steps: "some" }) })).toThrow(/"steps"/);
  });
});
