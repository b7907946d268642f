/**
 * The connection part of `status` (the cache part is src/status/read-status.ts): is Bitbucket usable, is
 * this install enrolled with Corvana, what waits for upload, and is a sync running. Local only — the
 * credential store, the bundles directory and the lock file — unless `remote` asks Corvana for its view of
 * the collector. Nothing secret is returned: token kinds, expiry times and scopes, never tokens.
 */
import { type AuthDescription, createBitbucketAuth } from "../auth/bitbucket-auth.ts";
import type { CredentialStore } from "../auth/credential-store.ts";
import { readCollectorCredentials } from "../auth/enroll-collector.ts";
import { openCredentialStore } from "../auth/open-credential-store.ts";
import { assessScopes } from "../auth/scopes.ts";
import type { Config } from "../config/load-config.ts";
import { CliError, ExitCode } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import { type PendingBundles, readPendingBundles } from "./pending-bundles.ts";
import { type RemoteView, readRemoteCollector } from "./remote-collector.ts";
import { isSyncLocked, type SyncLockState } from "./sync-lock.ts";

/** The Bitbucket side. */
export interface BitbucketConnection {
  state: "connected" | "needs-login" | "store-unavailable";
  workspace: string | null;
  /** Where the credentials come from: the OS keychain, the file, or CORVANA_BB_TOKEN. */
  backend: "keychain" | "file" | "env";
  /** A secret-free description of the store. */
  storeLocation: string;
  credential: {
    kind: AuthDescription["kind"];
    /** When the current access token expires (renewable kinds renew it on their own). */
    expiresAt: string | null;
    renewable: boolean;
    scopes: string[];
    missingScopes: string[];
    beyondRead: string[];
  } | null;
  /** Why it is not connected (or what the last sync said), and what to do. */
  problem: string | null;
  hint: string | null;
}

/** The Corvana side. */
export interface CorvanaConnection {
  url: string;
  enrolled: boolean;
  collectorId: string | null;
  enrolledAt: string | null;
  keyFingerprint: string | null;
  /** From the bundle bookkeeping when this install has it; absent otherwise. */
  lastAcceptedBundle?: { bundleId: string; acceptedAt: string };
  /** Corvana's own view, only with `remote`. */
  remote?: RemoteView;
}

/** Everything the connection part of `status` shows. */
export interface ConnectionStatus {
  /** 0 when Bitbucket is usable; 3 when a login is needed; 2 when the credential store cannot be used. */
  exitCode: 0 | 2 | 3;
  bitbucket: BitbucketConnection;
  corvana: CorvanaConnection;
  pendingBundles: PendingBundles;
  syncLock: SyncLockState;
}

/** The newest sync run, as the cache part knows it. */
export interface LastRun {
  finishedAt: string | null;
  exitCode: number | null;
  message: string | null;
}

/** What the status needs besides the configuration. */
export interface ConnectionStatusDeps {
  /** Ask Corvana for its view of the collector (a network call). */
  remote?: boolean;
  dispatcher?: Dispatcher;
  /** The newest sync run: one refused by Bitbucket means a login is needed even if credentials are stored. */
  lastRun?: LastRun;
  /** The last bundle Corvana accepted, from the bundle bookkeeping (wired when it exists). */
  lastAcceptedBundle?: () => { bundleId: string; acceptedAt: string } | undefined;
  openStore?: (config: Config) => Promise<CredentialStore>;
}

/** Reads the connection status. */
export async function readConnectionStatus(config: Config, deps: ConnectionStatusDeps = {}): Promise<ConnectionStatus> {
  const [pendingBundles, syncLock] = await Promise.all([
    readPendingBundles(config.paths.bundlesDir),
    isSyncLocked(config),
  ]);
  const corvana: CorvanaConnection = {
    url: config.corvanaUrl,
    enrolled: false,
    collectorId: null,
    enrolledAt: null,
    keyFingerprint: null,
  };
  let store: CredentialStore;
  try {
    store = await (deps.openStore ?? ((c: Config) => openCredentialStore(c)))(config);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const bitbucket = unusable(config, "store-unavailable", error.message, error.hint ?? null);
    return { exitCode: ExitCode.usage, bitbucket, corvana, pendingBundles, syncLock };
  }

  const collector = await readCollectorCredentials(store);
  if (collector !== undefined) {
    Object.assign(corvana, {
      url: collector.corvanaUrl,
      enrolled: true,
      collectorId: collector.collectorId,
      enrolledAt: collector.enrolledAt,
      keyFingerprint: collector.keyFingerprint,
    });
    const accepted = deps.lastAcceptedBundle?.();
    if (accepted !== undefined) corvana.lastAcceptedBundle = accepted;
    if (deps.remote === true) {
      corvana.remote = await readRemoteCollector(collector, deps.dispatcher);
    }
  }

  const bitbucket = await bitbucketConnection(config, store, deps.lastRun);
  const exitCode = bitbucket.state === "connected" ? ExitCode.ok : ExitCode.loginRequired;
  return { exitCode, bitbucket, corvana, pendingBundles, syncLock };
}

async function bitbucketConnection(
  config: Config,
  store: CredentialStore,
  lastRun: LastRun | undefined,
): Promise<BitbucketConnection> {
  if (config.token === undefined && config.workspace === undefined) {
    return {
      ...unusable(config, "needs-login", "not logged in (no workspace is configured)", null),
      storeLocation: store.location,
      hint: "Run `corvana-bb login` (it records the workspace), or set CORVANA_BB_WORKSPACE and CORVANA_BB_TOKEN.",
    };
  }
  let description: AuthDescription;
  try {
    // Reads the store only: no token is renewed until a request needs one.
    description = (await createBitbucketAuth({ config, store })).describe();
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { ...unusable(config, "needs-login", error.message, error.hint ?? null), storeLocation: store.location };
  }
  const scopes = description.scopes ?? [];
  const report = assessScopes(scopes);
  const connection: BitbucketConnection = {
    state: "connected",
    workspace: config.workspace ?? null,
    backend: description.backend,
    storeLocation: description.backend === "env" ? "CORVANA_BB_TOKEN" : store.location,
    credential: {
      kind: description.kind,
      expiresAt: description.expiresAt ?? null,
      renewable: description.kind === "oauth" || description.kind === "client-credentials",
      scopes,
      missingScopes: report.missing,
      beyondRead: report.beyondRead,
    },
    problem: null,
    hint: null,
  };
  if (lastRun?.exitCode === ExitCode.loginRequired) {
    return {
      ...connection,
      state: "needs-login",
      problem: `Bitbucket refused the last sync${lastRun.finishedAt === null ? "" : ` (${lastRun.finishedAt})`}: ${lastRun.message ?? "login required"}`,
      hint: "Run `corvana-bb login`; if you already have, the next successful sync clears this.",
    };
  }
  return connection;
}

function unusable(
  config: Config,
  state: BitbucketConnection["state"],
  problem: string,
  hint: string | null,
): BitbucketConnection {
  return {
    state,
    workspace: config.workspace ?? null,
    backend: config.token === undefined ? config.credentialStore : "env",
    storeLocation: config.credentialStore === "file" ? config.paths.credentialsFile : "the OS keychain",
    credential: null,
    problem,
    hint,
  };
}
