/**
 * A loopback OAuth server that behaves like Bitbucket Cloud's `…/site/oauth2` (authorize + token). It can
 * run on its own (`startOAuthSandbox`) or be mounted in another sandbox server through `handle`, and it
 * tells which access tokens it issued so the REST sandbox can accept exactly those.
 */
import type http from "node:http";
import { handleAuthorize } from "./authorize-endpoint.ts";
import { type LoopbackServer, startLoopbackServer } from "./loopback-server.ts";
import { createOAuthState, type Grant, type IssuedAccessToken, type OAuthSandboxOptions } from "./oauth-state.ts";
import { handleToken } from "./token-endpoint.ts";

export type { Grant, IssuedAccessToken, OAuthSandboxOptions, SandboxConsumer } from "./oauth-state.ts";

/** The path prefix, as on bitbucket.org; the OAuth base URL is `<origin>/site/oauth2`. */
export const OAUTH_PATH = "/site/oauth2";

/** The OAuth sandbox, without a server of its own. */
export interface OAuthSandbox {
  /** Handles `/site/oauth2/authorize` and `/site/oauth2/access_token`; false for any other request. */
  handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean>;
  /** True for an access token this sandbox issued that has not expired. */
  isValidAccessToken(token: string): boolean;
  readonly issuedAccessTokens: ReadonlyMap<string, IssuedAccessToken>;
  /** Every token request with its grant type and answer status, in order. */
  readonly tokenRequests: ReadonlyArray<{ grant: Grant | string; status: number }>;
  /** Changes what the simulated user answers on the consent page. */
  setConsent(consent: "approve" | "deny"): void;
  /** Makes every issued access token expire now (refresh tokens stay valid). */
  expireAccessTokens(): void;
}

/** Creates the sandbox. */
export function createOAuthSandbox(options: OAuthSandboxOptions): OAuthSandbox {
  const state = createOAuthState(options);
  return {
    async handle(request, response) {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      if (url.pathname === `${OAUTH_PATH}/authorize` && request.method === "GET") {
        handleAuthorize(state, url, response);
        return true;
      }
      if (url.pathname === `${OAUTH_PATH}/access_token` && request.method === "POST") {
        await handleToken(state, request, response);
        return true;
      }
      return false;
    },
    isValidAccessToken(token) {
      const issued = state.accessTokens.get(token);
      return issued !== undefined && issued.expiresAt > state.now();
    },
    issuedAccessTokens: state.accessTokens,
    tokenRequests: state.tokenRequests,
    setConsent(consent) {
      state.knobs.consent = consent;
    },
    expireAccessTokens() {
      for (const issued of state.accessTokens.values()) issued.expiresAt = state.now() - 1;
    },
  };
}

/** A running standalone OAuth sandbox. */
export interface RunningOAuthSandbox extends OAuthSandbox {
  /** The OAuth base URL to use as CORVANA_BB_BITBUCKET_OAUTH_URL. */
  readonly url: string;
  readonly server: LoopbackServer;
  close(): Promise<void>;
}

/** Starts the OAuth sandbox on 127.0.0.1 (any free port unless `port` is given). */
export async function startOAuthSandbox(options: OAuthSandboxOptions, port = 0): Promise<RunningOAuthSandbox> {
  const sandbox = createOAuthSandbox(options);
  const server = await startLoopbackServer((request, response) => sandbox.handle(request, response), port);
  return { ...sandbox, url: `${server.origin}${OAUTH_PATH}`, server, close: () => server.close() };
}
