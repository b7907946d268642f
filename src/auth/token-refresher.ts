/**
 * Keeps an OAuth access token fresh. Bitbucket rotates the refresh token on every use (api-notes §1), so
 * a refresh is single-flight twice over: one promise inside the process, and a lock file across
 * processes (two cron jobs must not both spend the same refresh token). Under the lock the store is
 * read again: if another process already rotated, its tokens are adopted instead of refreshing. The new
 * tokens are saved before the new access token is handed out, and a rejected refresh is final.
 */
import path from "node:path";
import { type CliError, LockedError, LoginRequiredError, TemporaryError } from "../errors.ts";
import { acquireFileLock } from "../lock/file-lock.ts";
import type { CredentialStore } from "./credential-store.ts";
import type { TokenClient } from "./exchange-token.ts";
import { readStoredCredentials, type StoredCredentials, saveStoredCredentials } from "./stored-credentials.ts";

/** The credential kinds whose access token expires and can be renewed. */
export type RenewableCredentials = Extract<StoredCredentials, { kind: "oauth" | "client-credentials" }>;

/** What the refresher needs. */
export interface TokenRefresherDeps {
  store: CredentialStore;
  workspace: string;
  locksDir: string;
  /** The token client for a consumer (the secret may come from the config rather than the store). */
  tokenClient: (credentials: RenewableCredentials) => TokenClient;
  now: () => number;
  /** Renew when less than this is left (default 5 minutes), so no request starts with a dying token. */
  marginMs?: number;
  /** How long to wait for another process's refresh (default 30 s). */
  lockWaitMs?: number;
}

/** A fresh access token on demand. */
export interface TokenRefresher {
  current(): RenewableCredentials;
  /** The access token, renewed first when it is missing or about to expire. */
  accessToken(): Promise<string>;
  /** Handles a 401: true when a new token is there to retry with. Never loops: see the body. */
  onUnauthorized(): Promise<boolean>;
}

/** A token obtained this recently is not renewed again because of a 401; the caller's retry will tell. */
const RECENT_MS = 60_000;

/** Creates the refresher around credentials already read from the store. */
export function createTokenRefresher(deps: TokenRefresherDeps, initial: RenewableCredentials): TokenRefresher {
  const marginMs = deps.marginMs ?? 5 * 60_000;
  const lockFile = path.join(deps.locksDir, `token-refresh-${deps.workspace.replace(/[^A-Za-z0-9_.-]/g, "_")}.lock`);
  let current = initial;
  let renewedAt: number | undefined;
  let inflight: Promise<RenewableCredentials> | undefined;
  let dead: CliError | undefined;

  // A token's margin is at most half its lifetime when we know it, so a short-lived token (a test, or a server
  // that issues them) is used for its first half instead of being renewed before every request.
  const isFresh = (credentials: RenewableCredentials, obtainedAt?: number) => {
    if (credentials.accessToken === undefined || credentials.expiresAt === undefined) return false;
    const expiresAt = Date.parse(credentials.expiresAt);
    const margin = obtainedAt === undefined ? marginMs : Math.min(marginMs, (expiresAt - obtainedAt) / 2);
    return expiresAt - deps.now() > margin;
  };

  async function renewUnderLock(force: boolean): Promise<RenewableCredentials> {
    const used = current.accessToken;
    const lock = await acquireFileLock(lockFile, {
      waitMs: deps.lockWaitMs ?? 30_000,
      staleMs: 2 * 60_000,
      purpose: "token refresh",
    }).catch((error: unknown) => {
      if (!(error instanceof LockedError)) throw error;
      throw new TemporaryError("Another corvana-bb process took too long refreshing the Bitbucket token.", {
        cause: error,
      });
    });
    try {
      const latest = await readStoredCredentials(deps.store, deps.workspace);
      if (latest === undefined || (latest.kind !== "oauth" && latest.kind !== "client-credentials")) {
        throw new LoginRequiredError(
          `The saved Bitbucket login for workspace "${deps.workspace}" was removed or replaced.`,
        );
      }
      // Another process rotated while we waited (or since we read the store): use its tokens.
      const rotatedElsewhere = latest.accessToken !== used;
      if (isFresh(latest) && (rotatedElsewhere || !force)) return latest;
      const tokens =
        latest.kind === "oauth"
          ? await deps.tokenClient(latest).refresh(latest.refreshToken)
          : await deps.tokenClient(latest).clientCredentials();
      const renewed: RenewableCredentials = {
        ...latest,
        accessToken: tokens.accessToken,
        expiresAt: tokens.expiresAt,
        scopes: tokens.scopes.length > 0 ? tokens.scopes : latest.scopes,
        ...(latest.kind === "oauth" ? { refreshToken: tokens.refreshToken ?? latest.refreshToken } : {}),
      };
      // Persist first: the old refresh token is already spent, the new one exists only in memory.
      await saveStoredCredentials(deps.store, deps.workspace, renewed).catch((error: unknown) => {
        throw new LoginRequiredError("The renewed Bitbucket tokens could not be saved, so they were not used.", {
          cause: error,
        });
      });
      return renewed;
    } finally {
      await lock.release();
    }
  }

  function renew(force: boolean): Promise<RenewableCredentials> {
    inflight ??= renewUnderLock(force)
      .then((renewed) => {
        current = renewed;
        renewedAt = deps.now();
        return renewed;
      })
      .catch((error: unknown) => {
        if (error instanceof LoginRequiredError) dead = error;
        throw error;
      })
      .finally(() => {
        inflight = undefined;
      });
    return inflight;
  }

  return {
    current: () => current,
    async accessToken() {
      if (dead !== undefined) throw dead;
      if (!isFresh(current, renewedAt)) await renew(false);
      const token = current.accessToken;
      if (token === undefined) throw new LoginRequiredError("Bitbucket issued no access token.");
      return token;
    },
    async onUnauthorized() {
      if (dead !== undefined) throw dead;
      // A token this new was either not yet used by the failing request (retrying will work), or is
      // rejected for another reason (the single retry fails and the caller stops): no refresh storm.
      if (renewedAt !== undefined && deps.now() - renewedAt < RECENT_MS) return true;
      await renew(true);
      return true;
    },
  };
}
