/**
 * The effective configuration: flag > environment > config file > default (DESIGN §8).
 * The environment variable names are a contract with operators' cron files.
 */
import { UsageError } from "../errors.ts";
import { readConfigFile } from "./config-file.ts";
import { type Paths, resolvePaths } from "./paths.ts";

/** Defaults that are part of the documented contract. */
export const defaults = {
  bitbucketApiUrl: "https://api.bitbucket.org/2.0",
  bitbucketOAuthUrl: "https://bitbucket.org/site/oauth2",
  corvanaUrl: "https://ingest.corvana.io",
  /** Registered by the admin as the consumer's callback http://127.0.0.1:53682/callback (see README). */
  callbackPort: 53682,
  /** Requests one run may send (`--max-requests`); below Bitbucket's 1,000 requests/hour. */
  requestBudget: 900,
  /**
   * Requests per rolling hour for one credential, shared by every run (api-notes §2: about 1,000/h per
   * user); below the limit so an interactive user of the same account keeps some headroom.
   */
  hourlyRequestBudget: 900,
  lookbackDays: 365,
  concurrency: 4,
  /** Steps cost a request per pipeline at least, so they are off unless asked for (docs/crawl.md). */
  steps: "off",
  maxStepRequestsPerRun: 200,
  staleBranchDays: 90,
} as const;

/** Which pipeline steps `sync` reads: none, those of pipelines that start from now on, or all. */
export type StepsSetting = "off" | "new" | "all";

const stepsSettings: readonly string[] = ["off", "new", "all"] satisfies StepsSetting[];

/** Credential backends; the file backend is only ever used when chosen explicitly. */
export type CredentialStoreKind = "keychain" | "file";

/** Settings that may come from flags, overriding everything else. */
export interface ConfigFlags {
  workspace?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  callbackPort?: number | undefined;
  credentialStore?: string | undefined;
  requestBudget?: number | undefined;
  lookbackDays?: number | undefined;
  steps?: string | undefined;
}

/** The resolved configuration handed to every use case. */
export interface Config {
  paths: Paths;
  workspace: string | undefined;
  bitbucketApiUrl: string;
  bitbucketOAuthUrl: string;
  corvanaUrl: string;
  clientId: string | undefined;
  clientSecret: string | undefined;
  callbackPort: number;
  credentialStore: CredentialStoreKind;
  /** A ready Bearer token (CORVANA_BB_TOKEN); wins over stored credentials. */
  token: string | undefined;
  enrollmentCode: string | undefined;
  requestBudget: number;
  hourlyRequestBudget: number;
  lookbackDays: number;
  concurrency: number;
  steps: StepsSetting;
  maxStepRequestsPerRun: number;
  staleBranchDays: number;
  includeRepositories: string[];
  excludeRepositories: string[];
}

/** Loads the configuration for this process. Throws UsageError naming the offending setting. */
export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Config {
  const paths = resolvePaths(env);
  const file = readConfigFile(paths.configFile);
  const pick = <T>(flag: T | undefined, fromEnv: T | undefined, fromFile: T | undefined) => flag ?? fromEnv ?? fromFile;

  const credentialStore = pick(flags.credentialStore, nonEmpty(env.CORVANA_BB_CREDENTIAL_STORE), file.credentialStore);
  if (credentialStore !== undefined && credentialStore !== "keychain" && credentialStore !== "file") {
    throw new UsageError(
      `Unknown credential store "${credentialStore}" (CORVANA_BB_CREDENTIAL_STORE / --credential-store).`,
      {
        hint: 'Use "keychain" (the OS keychain, default) or "file".',
      },
    );
  }
  const callbackPort = pick(flags.callbackPort, intFromEnv(env, "CORVANA_BB_CALLBACK_PORT"), file.callbackPort);
  if (callbackPort !== undefined && (callbackPort < 1024 || callbackPort > 65535)) {
    throw new UsageError(`The callback port ${callbackPort} is out of range (--port / CORVANA_BB_CALLBACK_PORT).`, {
      hint: "Use a port from 1024 to 65535 that matches the consumer's registered callback URL.",
    });
  }

  const steps = flags.steps ?? file.steps ?? defaults.steps;
  if (!stepsSettings.includes(steps)) {
    throw new UsageError(`Unknown steps setting "${steps}" (--steps / "steps" in config.json).`, {
      hint: 'Use "off" (default), "new" (pipelines from now on) or "all" (every pipeline in the look-back window).',
    });
  }

  return {
    paths,
    workspace: pick(flags.workspace, nonEmpty(env.CORVANA_BB_WORKSPACE), file.workspace),
    bitbucketApiUrl: trimSlash(
      url(env, "CORVANA_BB_BITBUCKET_API_URL") ?? file.bitbucketApiUrl ?? defaults.bitbucketApiUrl,
    ),
    bitbucketOAuthUrl: trimSlash(
      url(env, "CORVANA_BB_BITBUCKET_OAUTH_URL") ?? file.bitbucketOAuthUrl ?? defaults.bitbucketOAuthUrl,
    ),
    corvanaUrl: trimSlash(url(env, "CORVANA_BB_CORVANA_URL") ?? file.corvanaUrl ?? defaults.corvanaUrl),
    clientId: pick(flags.clientId, nonEmpty(env.CORVANA_BB_CLIENT_ID), file.clientId),
    clientSecret: pick(flags.clientSecret, nonEmpty(env.CORVANA_BB_CLIENT_SECRET), file.clientSecret),
    callbackPort: callbackPort ?? defaults.callbackPort,
    credentialStore: credentialStore ?? "keychain",
    token: nonEmpty(env.CORVANA_BB_TOKEN),
    enrollmentCode: nonEmpty(env.CORVANA_BB_ENROLLMENT_CODE),
    requestBudget: flags.requestBudget ?? file.requestBudget ?? defaults.requestBudget,
    hourlyRequestBudget: file.hourlyRequestBudget ?? defaults.hourlyRequestBudget,
    lookbackDays: flags.lookbackDays ?? file.lookbackDays ?? defaults.lookbackDays,
    concurrency: file.concurrency ?? defaults.concurrency,
    steps: steps as StepsSetting,
    maxStepRequestsPerRun: file.maxStepRequestsPerRun ?? defaults.maxStepRequestsPerRun,
    staleBranchDays: file.staleBranchDays ?? defaults.staleBranchDays,
    includeRepositories: file.includeRepositories ?? [],
    excludeRepositories: file.excludeRepositories ?? [],
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function url(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== "https:" && parsed.protocol !== "http:") throw new Error("not http(s)");
  } catch {
    throw new UsageError(`${name} is not a valid http(s) URL: ${value}`);
  }
  return value;
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const value = nonEmpty(env[name]);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, got "${value}".`);
  return Number(value);
}

function trimSlash(value: string): string {
  return value.replace(/\/+$/, "");
}
