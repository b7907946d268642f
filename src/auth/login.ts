/**
 * The `login` use case: obtain Bitbucket credentials (browser OAuth, a token on stdin, or the
 * client-credentials grant), check them against the API, save them, make sure the install secret and
 * signing key exist, and enroll with Corvana when a code is available. The CLI supplies the terminal
 * (browser, prompts, stdin) through the deps and renders the result.
 */
import type { Dispatcher } from "undici";
import type { Config } from "../config/load-config.ts";
import { type CorvanaClient, createCorvanaClient } from "../corvana/corvana-client.ts";
import { UsageError } from "../errors.ts";
import { userAgent as authUserAgent, version } from "../version.ts";
import type { BrowserLoginEvent } from "./browser-login.ts";
import type { CredentialStore } from "./credential-store.ts";
import { type EnrollmentOutcome, ensureEnrollment } from "./enroll-collector.ts";
import { loadOrCreateInstallSecret } from "./install-secret.ts";
import { obtainCredentials } from "./obtain-credentials.ts";
import { rememberWorkspace } from "./remember-workspace.ts";
import { assessScopes, parseScopes, type ScopeReport } from "./scopes.ts";
import { type StoredCredentials, saveStoredCredentials } from "./stored-credentials.ts";
import { listWorkspaces, verifyLogin } from "./verify-login.ts";

/** How the Bitbucket credentials are obtained; `enroll-only` skips Bitbucket. */
export type LoginMode = "browser" | "with-token" | "client-credentials" | "enroll-only";

/** Progress the CLI may show. */
export type LoginEvent = BrowserLoginEvent | { type: "verifying" } | { type: "enrolling" };

/** What login needs: configuration, the store, and the terminal's abilities. */
export interface LoginDeps {
  config: Config;
  store: CredentialStore;
  mode: LoginMode;
  timeoutMs: number;
  rotateKey: boolean;
  /** From the flag or CORVANA_BB_ENROLLMENT_CODE. */
  enrollmentCode: string | undefined;
  openBrowser?: (url: string) => Promise<void>;
  readLine?: (signal: AbortSignal) => Promise<string | undefined>;
  /** Reads the whole token for --with-token. */
  readToken?: () => Promise<string>;
  promptEnrollmentCode?: () => Promise<string | undefined>;
  chooseWorkspace?: (slugs: string[]) => Promise<string | undefined>;
  onSignal: (handler: (signal: "SIGINT" | "SIGTERM") => void) => () => void;
  report: (event: LoginEvent) => void;
  now?: () => number;
  dispatcher?: Dispatcher;
  corvana?: CorvanaClient;
}

/** The Bitbucket half of the result (absent for --enroll-only). */
export interface BitbucketLogin {
  workspace: string;
  kind: StoredCredentials["kind"];
  accountType: string | undefined;
  scopes: string[];
  scopeReport: ScopeReport;
  expiresAt: string | undefined;
  /** True when config.json now names this workspace as the default. */
  workspaceRemembered: boolean;
}

/** Everything the CLI renders after a login. */
export interface LoginResult {
  bitbucket: BitbucketLogin | undefined;
  store: { backend: CredentialStore["backend"]; location: string };
  /** CORVANA_BB_TOKEN is set and will keep overriding what was saved. */
  envTokenOverrides: boolean;
  enrollment: EnrollmentOutcome;
}

/** Runs the login. */
export async function runLogin(deps: LoginDeps): Promise<LoginResult> {
  const { config, store } = deps;
  const bitbucket = deps.mode === "enroll-only" ? undefined : await loginToBitbucket(deps, deps.mode);
  await loadOrCreateInstallSecret(store, { locksDir: config.paths.locksDir });
  deps.report({ type: "enrolling" });
  const enrollment = await ensureEnrollment({
    store,
    corvana:
      deps.corvana ??
      createCorvanaClient({ baseUrl: config.corvanaUrl, userAgentVersion: version, ...dispatcherOf(deps) }),
    corvanaUrl: config.corvanaUrl,
    collectorVersion: version,
    enrollmentCode: deps.enrollmentCode,
    rotateKey: deps.rotateKey,
    ...(deps.promptEnrollmentCode === undefined ? {} : { promptCode: deps.promptEnrollmentCode }),
    ...(deps.now === undefined ? {} : { now: deps.now }),
  }).catch((error: unknown) => {
    // The Bitbucket half is saved and works; say so, or the user would log in again for nothing.
    if (!(error instanceof UsageError) || bitbucket === undefined) throw error;
    throw new UsageError(`The Bitbucket login for "${bitbucket.workspace}" is saved, but: ${error.message}`, {
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      cause: error,
    });
  });
  return {
    bitbucket,
    store: { backend: store.backend, location: store.location },
    envTokenOverrides: config.token !== undefined && deps.mode !== "enroll-only",
    enrollment,
  };
}

async function loginToBitbucket(deps: LoginDeps, mode: Exclude<LoginMode, "enroll-only">): Promise<BitbucketLogin> {
  const { config } = deps;
  const obtained = await obtainCredentials(deps, mode);
  const api = {
    apiUrl: config.bitbucketApiUrl,
    authorization: obtained.authorization,
    userAgent: authUserAgent,
    ...dispatcherOf(deps),
  };
  deps.report({ type: "verifying" });
  const workspace = config.workspace ?? (await discoverWorkspace(deps, await listWorkspaces(api)));
  const verified = await verifyLogin({ ...api, workspace });
  const scopes = parseScopes(...obtained.credentials.scopes, ...verified.scopes);
  const credentials = { ...obtained.credentials, scopes };
  await saveStoredCredentials(deps.store, verified.workspace.slug, credentials);
  return {
    workspace: verified.workspace.slug,
    kind: credentials.kind,
    accountType: verified.accountType,
    scopes,
    scopeReport: assessScopes(scopes),
    expiresAt: "expiresAt" in credentials ? credentials.expiresAt : undefined,
    workspaceRemembered: await rememberWorkspace(config.paths.configFile, verified.workspace.slug),
  };
}

async function discoverWorkspace(deps: LoginDeps, slugs: string[]): Promise<string> {
  if (slugs.length === 1 && slugs[0] !== undefined) return slugs[0];
  const chosen = slugs.length > 1 ? await deps.chooseWorkspace?.(slugs) : undefined;
  if (chosen !== undefined) return chosen;
  const seen =
    slugs.length === 0 ? "no workspace could be listed" : `these can be used: ${slugs.slice(0, 10).join(", ")}`;
  throw new UsageError(`Which workspace? None is configured, and ${seen}.`, {
    hint: "Run login again with --workspace <slug> (or set CORVANA_BB_WORKSPACE).",
  });
}

function dispatcherOf(deps: LoginDeps): { dispatcher?: Dispatcher } {
  return deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher };
}
