/**
 * The token provider `sync` uses: CORVANA_BB_TOKEN when set (it wins over everything stored), otherwise
 * the workspace's saved credentials, refreshed before they expire and once on a 401.
 */
import type { Dispatcher } from "undici";
import type { Config } from "../config/load-config.ts";
import { LoginRequiredError, UsageError } from "../errors.ts";
import { userAgent as authUserAgent } from "../version.ts";
import type { CredentialStore } from "./credential-store.ts";
import { createTokenClient } from "./exchange-token.ts";
import { readStoredCredentials, type StoredCredentials } from "./stored-credentials.ts";
import { createTokenRefresher, type RenewableCredentials } from "./token-refresher.ts";

/** Which kind of credential is in use and where it came from (for `status` and `login`). */
export interface AuthDescription {
  kind: "env-token" | "oauth" | "access-token" | "api-token" | "client-credentials";
  backend: "env" | "keychain" | "file";
  expiresAt?: string;
  scopes?: string[];
}

/** What sync needs: a token per request, and a refresh hook called once on a 401. */
export interface BitbucketAuth {
  /** The Bearer token (for an Atlassian API token, the token itself: use getAuthorizationHeader). */
  getAccessToken(): Promise<string>;
  /** The whole Authorization header value: `Bearer …`, or `Basic …` for an Atlassian API token. */
  getAuthorizationHeader(): Promise<string>;
  /** Called once after a 401: true when there is a new token to retry with; throws LoginRequiredError when the login is dead. */
  onUnauthorized(): Promise<boolean>;
  describe(): AuthDescription;
}

/** What the provider needs. */
export interface BitbucketAuthDeps {
  config: Config;
  store: CredentialStore;
  now?: () => number;
  dispatcher?: Dispatcher;
  /** Renew when less than this is left (default 5 minutes). */
  refreshMarginMs?: number;
}

/** Creates the provider for `config.workspace`; LoginRequiredError when nothing is stored for it. */
export async function createBitbucketAuth(deps: BitbucketAuthDeps): Promise<BitbucketAuth> {
  const { config, store } = deps;
  if (config.token !== undefined) return staticAuth("env-token", "env", config.token);
  const workspace = config.workspace;
  if (workspace === undefined) {
    throw new UsageError("No workspace is configured, so there are no credentials to use.", {
      hint: "Pass --workspace <slug> or set CORVANA_BB_WORKSPACE.",
    });
  }
  const stored = await readStoredCredentials(store, workspace);
  if (stored === undefined) {
    throw new LoginRequiredError(`No saved Bitbucket credentials for workspace "${workspace}" in ${store.location}.`);
  }
  return authFor(stored, workspace, deps);
}

function authFor(stored: StoredCredentials, workspace: string, deps: BitbucketAuthDeps): BitbucketAuth {
  const backend = deps.store.backend;
  switch (stored.kind) {
    case "access-token":
      return staticAuth("access-token", backend, stored.token, stored.scopes);
    case "api-token": {
      const basic = Buffer.from(`${stored.email}:${stored.token}`).toString("base64");
      return {
        ...staticAuth("api-token", backend, stored.token, stored.scopes),
        getAuthorizationHeader: async () => `Basic ${basic}`,
      };
    }
    case "oauth":
    case "client-credentials":
      return renewingAuth(stored, workspace, deps);
  }
}

function renewingAuth(stored: RenewableCredentials, workspace: string, deps: BitbucketAuthDeps): BitbucketAuth {
  const { config } = deps;
  const refresher = createTokenRefresher(
    {
      store: deps.store,
      workspace,
      locksDir: config.paths.locksDir,
      now: deps.now ?? Date.now,
      ...(deps.refreshMarginMs === undefined ? {} : { marginMs: deps.refreshMarginMs }),
      tokenClient: (credentials) =>
        createTokenClient({
          oauthUrl: config.bitbucketOAuthUrl,
          clientId: credentials.clientId,
          // A secret given now for the same consumer wins: it may have been rotated since login.
          clientSecret:
            config.clientId === credentials.clientId && config.clientSecret !== undefined
              ? config.clientSecret
              : credentials.clientSecret,
          userAgent: authUserAgent,
          ...(deps.now === undefined ? {} : { now: deps.now }),
          ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
        }),
    },
    stored,
  );
  return {
    getAccessToken: () => refresher.accessToken(),
    getAuthorizationHeader: async () => `Bearer ${await refresher.accessToken()}`,
    onUnauthorized: () => refresher.onUnauthorized(),
    describe: () => {
      const current = refresher.current();
      return {
        kind: current.kind,
        backend: deps.store.backend,
        ...(current.expiresAt === undefined ? {} : { expiresAt: current.expiresAt }),
        scopes: current.scopes,
      };
    },
  };
}

function staticAuth(
  kind: AuthDescription["kind"],
  backend: AuthDescription["backend"],
  token: string,
  scopes?: string[],
): BitbucketAuth {
  return {
    getAccessToken: async () => token,
    getAuthorizationHeader: async () => `Bearer ${token}`,
    // Nothing to renew: a rejected fixed token needs a new one from the user.
    onUnauthorized: async () => false,
    describe: () => ({ kind, backend, ...(scopes === undefined ? {} : { scopes }) }),
  };
}
