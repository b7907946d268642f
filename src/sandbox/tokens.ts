/**
 * The Bearer tokens the sandbox accepts, with knobs to expire or revoke one mid-test. Bitbucket
 * answers 401 for a missing, unknown, expired or revoked token ("Our access tokens expire in one
 * hour. When this happens you'll get 401 responses": Bitbucket docs, "Refresh Tokens").
 */

/** Options of one token. */
export interface TokenOptions {
  /** After this instant (by the server clock) the token is expired. */
  expiresAt?: Date;
}

/** The outcome of checking an Authorization header. */
export type AuthResult = { ok: true; token: string } | { ok: false; message: string };

/** The mutable set of valid tokens of one sandbox server. */
export interface TokenRegistry {
  /** Accepts `token` from now on. */
  add(token: string, options?: TokenOptions): void;
  /** Rejects `token` from now on, as if its grant was revoked. */
  revoke(token: string): void;
  /** Marks `token` as expired now. */
  expire(token: string): void;
  /** Checks an `Authorization` header value. */
  authenticate(authorization: string | undefined): AuthResult;
}

/** Creates a registry holding `initial` tokens, checking expiry against `now`. */
export function createTokenRegistry(initial: readonly string[], now: () => Date): TokenRegistry {
  const tokens = new Map<string, { expiresAt: number | undefined; revoked: boolean }>();
  const add = (token: string, options: TokenOptions = {}) => {
    tokens.set(token, { expiresAt: options.expiresAt?.getTime(), revoked: false });
  };
  for (const token of initial) add(token);
  return {
    add,
    revoke(token) {
      const entry = tokens.get(token);
      if (entry) entry.revoked = true;
    },
    expire(token) {
      const entry = tokens.get(token);
      if (entry) entry.expiresAt = now().getTime() - 1;
    },
    authenticate(authorization) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
      const token = match?.[1];
      if (token === undefined) return { ok: false, message: "Authentication required" };
      const entry = tokens.get(token);
      if (!entry || entry.revoked) {
        return { ok: false, message: "Token is invalid, expired, or not supported for this endpoint." };
      }
      if (entry.expiresAt !== undefined && now().getTime() >= entry.expiresAt) {
        return { ok: false, message: "Access token expired. Use your refresh token to obtain a new access token." };
      }
      return { ok: true, token };
    },
  };
}
