/**
 * The `doctor` use case: every check an operator would otherwise do by hand before leaving corvana-bb in
 * cron — the credential backend, the saved login and its consumer, reachability of Bitbucket and Corvana
 * through the configured proxy, extra CA certificates, clock skew, scopes, and file permissions — each
 * with a fix when it fails. It changes nothing, except that an expired OAuth access token may be renewed.
 */
import type { CredentialStore } from "../auth/credential-store.ts";
import { readCollectorCredentials } from "../auth/enroll-collector.ts";
import { openCredentialStore } from "../auth/open-credential-store.ts";
import type { Config } from "../config/load-config.ts";
import { ExitCode } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import type { ProxySettings } from "../net/proxy-settings.ts";
import { checkBitbucket } from "./doctor-bitbucket-checks.ts";
import type { CheckArea, DoctorCheck } from "./doctor-check.ts";
import { checkClock } from "./doctor-clock-check.ts";
import { checkCorvana } from "./doctor-corvana-check.ts";
import { checkCredentialStore, checkSavedLogin } from "./doctor-credential-checks.ts";
import { checkExtraCaFile, checkPermissions } from "./doctor-file-checks.ts";

export type { CheckStatus, DoctorCheck } from "./doctor-check.ts";

/** What doctor needs besides the configuration. */
export interface DoctorDeps {
  /** The command's environment (for NODE_EXTRA_CA_CERTS). */
  env: NodeJS.ProcessEnv;
  dispatcher: Dispatcher;
  proxy: ProxySettings;
  now?: () => number;
  openStore?: (config: Config) => Promise<CredentialStore>;
}

/** All checks and the exit code they add up to. */
export interface DoctorReport {
  checks: DoctorCheck[];
  /** 0 when nothing failed; otherwise 3 (login), 4 (network) or 2 (configuration), in that order. */
  exitCode: ExitCode;
}

/** Runs every check. */
export async function runDoctor(config: Config, deps: DoctorDeps): Promise<DoctorReport> {
  const open = deps.openStore ?? ((c: Config) => openCredentialStore(c));
  const { result: storeCheck, store } = await checkCredentialStore(config, open);
  const { results: loginChecks, stored } = await checkSavedLogin(config, store);
  const collector = store === undefined ? undefined : await readCollectorCredentials(store);
  const shared = {
    config,
    dispatcher: deps.dispatcher,
    proxy: deps.proxy,
    store,
    hasCredentials: config.token !== undefined || stored !== undefined,
    storedScopes: stored?.scopes ?? [],
    ...(deps.now === undefined ? {} : { now: deps.now }),
  };
  const [bitbucket, corvana, extraCa, permissions] = await Promise.all([
    checkBitbucket(shared),
    checkCorvana(shared, collector),
    checkExtraCaFile(deps.env),
    checkPermissions(config),
  ]);
  const checks = [
    storeCheck,
    ...loginChecks,
    ...(extraCa === undefined ? [] : [extraCa]),
    ...bitbucket.results,
    corvana.result,
    checkClock([bitbucket.probe, corvana.probe]),
    permissions,
  ];
  return { checks, exitCode: exitCodeOf(checks) };
}

const exitCodes: Array<[CheckArea, ExitCode]> = [
  ["login", ExitCode.loginRequired],
  ["network", ExitCode.temporary],
  ["config", ExitCode.usage],
];

function exitCodeOf(checks: DoctorCheck[]): ExitCode {
  const failed = checks.filter((c) => c.status === "fail");
  for (const [area, code] of exitCodes) if (failed.some((c) => c.area === area)) return code;
  return ExitCode.ok;
}
