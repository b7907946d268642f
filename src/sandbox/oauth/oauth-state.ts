/**
 * What the OAuth sandbox remembers: its consumers, the codes, refresh tokens and access tokens it has
 * issued, and every token request (so a test can count refresh exchanges). One object per sandbox.
 */
import { randomBytes } from "node:crypto";

/** An OAuth consumer as a Bitbucket workspace admin registers it. */
export interface SandboxConsumer {
  key: string;
  secret: string;
  /** The registered callback URL; redirect_uri must start with it (Bitbucket prefix-matches). */
  callbackUrl: string;
  /** The consumer's permissions, e.g. ["account", "repository", "pullrequest", "pipeline"]. */
  scopes: string[];
  /** "This is a private consumer": required for the client-credentials grant. */
  isPrivate?: boolean;
}

/** The grant types the token endpoint knows. */
export type Grant = "authorization_code" | "refresh_token" | "client_credentials";

/** An access token the sandbox issued. */
export interface IssuedAccessToken {
  clientId: string;
  scopes: string[];
  grant: Grant;
  expiresAt: number;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string | undefined;
  challenge: string | undefined;
  expiresAt: number;
  used: boolean;
}

/** Knobs of the sandbox. */
export interface OAuthSandboxOptions {
  consumers: SandboxConsumer[];
  /** Lifetime of access tokens in seconds (Bitbucket: 7200 observed, 3600 documented). */
  accessTokenLifetimeSeconds?: number;
  /** What the simulated user answers on the consent page. */
  consent?: "approve" | "deny";
  /** Told about every access token issued, e.g. to make the REST sandbox accept it until it expires. */
  onAccessToken?: (token: string, expiresAt: Date) => void;
  now?: () => number;
}

/** Creates the sandbox's memory. */
export function createOAuthState(options: OAuthSandboxOptions) {
  const now = options.now ?? Date.now;
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Map<string, { clientId: string; alive: boolean }>();
  const accessTokens = new Map<string, IssuedAccessToken>();
  const tokenRequests: Array<{ grant: string; status: number }> = [];
  const knobs = {
    consent: options.consent ?? ("approve" as "approve" | "deny"),
    lifetimeSeconds: options.accessTokenLifetimeSeconds ?? 7200,
  };
  const token = () => randomBytes(24).toString("base64url");

  return {
    now,
    knobs,
    tokenRequests,
    accessTokens,
    consumer: (key: string | null) => options.consumers.find((consumer) => consumer.key === key),
    issueCode(clientId: string, redirectUri: string | undefined, challenge: string | undefined): string {
      const code = randomBytes(12).toString("base64url");
      codes.set(code, { clientId, redirectUri, challenge, expiresAt: now() + 10 * 60_000, used: false });
      return code;
    },
    /** Takes a code for use: undefined when unknown, used, expired or another consumer's. Codes are single-use. */
    takeCode(code: string, clientId: string): IssuedCode | undefined {
      const issued = codes.get(code);
      if (issued === undefined || issued.used || issued.expiresAt < now() || issued.clientId !== clientId)
        return undefined;
      issued.used = true;
      return issued;
    },
    /** Takes a refresh token: it dies on use (rotation), so a second use is refused. */
    takeRefreshToken(refreshToken: string, clientId: string): boolean {
      const issued = refreshTokens.get(refreshToken);
      if (issued === undefined || !issued.alive || issued.clientId !== clientId) return false;
      issued.alive = false;
      return true;
    },
    issueTokens(consumer: SandboxConsumer, grant: Grant) {
      const accessToken = token();
      const expiresAt = now() + knobs.lifetimeSeconds * 1000;
      accessTokens.set(accessToken, { clientId: consumer.key, scopes: consumer.scopes, grant, expiresAt });
      options.onAccessToken?.(accessToken, new Date(expiresAt));
      // Since May 2026 client credentials get no refresh token (api-notes §1).
      const refreshToken = grant === "client_credentials" ? undefined : token();
      if (refreshToken !== undefined) refreshTokens.set(refreshToken, { clientId: consumer.key, alive: true });
      return { accessToken, refreshToken };
    },
  };
}

/** The sandbox's memory. */
export type OAuthState = ReturnType<typeof createOAuthState>;
