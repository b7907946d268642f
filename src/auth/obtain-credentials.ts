/**
 * The first step of `login`: new Bitbucket credentials, from the browser flow, a token on stdin, or the
 * client-credentials grant of a private consumer; nothing is saved here.
 */

import type { Config } from "../config/load-config.ts";
import { BadDataError, UsageError } from "../errors.ts";
import { userAgent as authUserAgent } from "../version.ts";
import { loginInBrowser } from "./browser-login.ts";
import { createTokenClient } from "./exchange-token.ts";
import type { LoginDeps, LoginMode } from "./login.ts";
import type { StoredCredentials } from "./stored-credentials.ts";
import { classifyToken } from "./with-token.ts";

/** The part of login's deps this step uses. */
export type ObtainDeps = Pick<
  LoginDeps,
  "config" | "timeoutMs" | "openBrowser" | "readLine" | "readToken" | "onSignal" | "report" | "now" | "dispatcher"
>;

/** Obtains new Bitbucket credentials in the chosen way, with the Authorization header to check them with. */
export async function obtainCredentials(
  deps: ObtainDeps,
  mode: Exclude<LoginMode, "enroll-only">,
): Promise<{ credentials: StoredCredentials; authorization: string }> {
  if (mode === "with-token") {
    if (deps.readToken === undefined)
      throw new UsageError("--with-token reads the token from stdin, and there is none.");
    const token = classifyToken(await deps.readToken());
    if (token.kind === "api-token") {
      const basic = Buffer.from(`${token.email}:${token.token}`).toString("base64");
      return { credentials: { ...token, scopes: [] }, authorization: `Basic ${basic}` };
    }
    return { credentials: { ...token, scopes: [] }, authorization: `Bearer ${token.token}` };
  }
  const { clientId, clientSecret } = requireConsumer(deps.config);
  const tokens = createTokenClient({
    oauthUrl: deps.config.bitbucketOAuthUrl,
    clientId,
    clientSecret,
    userAgent: authUserAgent,
    ...(deps.now === undefined ? {} : { now: deps.now }),
    ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
  });
  if (mode === "client-credentials") {
    const set = await tokens.clientCredentials();
    const credentials = {
      kind: "client-credentials" as const,
      clientId,
      clientSecret,
      accessToken: set.accessToken,
      expiresAt: set.expiresAt,
      scopes: set.scopes,
    };
    return { credentials, authorization: `Bearer ${set.accessToken}` };
  }
  const set = await loginInBrowser({
    oauthUrl: deps.config.bitbucketOAuthUrl,
    clientId,
    port: deps.config.callbackPort,
    timeoutMs: deps.timeoutMs,
    tokens,
    onSignal: deps.onSignal,
    report: deps.report,
    ...(deps.openBrowser === undefined ? {} : { openBrowser: deps.openBrowser }),
    ...(deps.readLine === undefined ? {} : { readLine: deps.readLine }),
  });
  if (set.refreshToken === undefined)
    throw new BadDataError("Bitbucket issued no refresh token for the authorization code.");
  const credentials = {
    kind: "oauth" as const,
    clientId,
    clientSecret,
    accessToken: set.accessToken,
    refreshToken: set.refreshToken,
    expiresAt: set.expiresAt,
    scopes: set.scopes,
  };
  return { credentials, authorization: `Bearer ${set.accessToken}` };
}

function requireConsumer(config: Config): { clientId: string; clientSecret: string } {
  if (config.clientId === undefined || config.clientSecret === undefined) {
    const missing =
      config.clientId === undefined
        ? "key (--client-id or CORVANA_BB_CLIENT_ID)"
        : "secret (--client-secret or CORVANA_BB_CLIENT_SECRET)";
    throw new UsageError(`The OAuth consumer's ${missing} is not set.`, {
      hint: "Your Bitbucket admin creates a consumer as described in docs/login.md; or use --with-token with an access token.",
    });
  }
  return { clientId: config.clientId, clientSecret: config.clientSecret };
}
