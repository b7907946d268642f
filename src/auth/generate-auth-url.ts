/** The authorize URL the user opens: Bitbucket's `…/site/oauth2/authorize` with our state and PKCE challenge. */
import type { PkcePair } from "./pkce.ts";

/** What goes into the authorize URL. */
export interface AuthUrlParams {
  /** The OAuth base including `/site/oauth2` (config.bitbucketOAuthUrl). */
  oauthUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  pkce: PkcePair;
}

/** Builds the authorize URL (RFC 6749 §4.1.1). No `scope`: a Bitbucket consumer's scopes are fixed on the consumer. */
export function generateAuthUrl(params: AuthUrlParams): string {
  const url = new URL(`${params.oauthUrl}/authorize`);
  url.searchParams.set("client_id", params.clientId);
  url.searchParams.set("response_type", "code");
  // Bitbucket prefix-matches this against the consumer's registered callback (api-notes §1).
  url.searchParams.set("redirect_uri", params.redirectUri);
  url.searchParams.set("state", params.state);
  url.searchParams.set("code_challenge", params.pkce.challenge);
  url.searchParams.set("code_challenge_method", params.pkce.method);
  return url.toString();
}

/** The loopback callback URL the consumer must have registered for this port. */
export function callbackUrl(port: number): string {
  return `http://127.0.0.1:${port}/callback`;
}
