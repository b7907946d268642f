/**
 * Bitbucket's token endpoint (`…/site/oauth2/access_token`): code exchange, refresh and the
 * client-credentials grant. Form-encoded bodies (JSON is refused with "Unsupported grant type"), the
 * consumer key and secret as HTTP Basic (Bitbucket has no public clients), the PKCE verifier sent along.
 * The response's `state` field is the grant type, not our CSRF state, and is ignored (api-notes §1).
 */
import { type Dispatcher, request } from "undici";
import { z } from "zod";
import { BadDataError, type CliError, LoginRequiredError, TemporaryError, UsageError } from "../errors.ts";
import { parseScopes } from "./scopes.ts";

/** Tokens as corvana-bb keeps them. */
export interface TokenSet {
  accessToken: string;
  /** Absent for client credentials (no refresh tokens since May 2026). */
  refreshToken?: string;
  /** ISO time the access token expires. */
  expiresAt: string;
  scopes: string[];
}

/** What the token client needs. */
export interface TokenClientOptions {
  /** The OAuth base including `/site/oauth2`. */
  oauthUrl: string;
  clientId: string;
  clientSecret: string;
  userAgent: string;
  now?: () => number;
  dispatcher?: Dispatcher;
}

/** The three grants corvana-bb uses. */
export interface TokenClient {
  exchangeCode(params: { code: string; verifier: string; redirectUri: string }): Promise<TokenSet>;
  /** Throws LoginRequiredError when Bitbucket rejects the refresh token. */
  refresh(refreshToken: string): Promise<TokenSet>;
  clientCredentials(): Promise<TokenSet>;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z
    .string()
    .regex(/^bearer$/i)
    .optional(),
  expires_in: z.union([z.number().positive(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  refresh_token: z.string().min(1).optional(),
  scope: z.string().optional(),
  scopes: z.string().optional(),
});

const errorResponseSchema = z.object({ error: z.string(), error_description: z.string().optional() });

/** Bitbucket documents one hour; used only when a response leaves `expires_in` out. */
const DEFAULT_LIFETIME_SECONDS = 3600;

type Grant = "authorization_code" | "refresh_token" | "client_credentials";

/** Creates the token client for one consumer. */
export function createTokenClient(options: TokenClientOptions): TokenClient {
  const now = options.now ?? Date.now;
  const tokenUrl = `${options.oauthUrl}/access_token`;
  const basic = Buffer.from(`${options.clientId}:${options.clientSecret}`).toString("base64");

  async function post(grant: Grant, fields: Record<string, string>): Promise<TokenSet> {
    const started = now();
    let response: Dispatcher.ResponseData;
    try {
      response = await request(tokenUrl, {
        method: "POST",
        headers: {
          authorization: `Basic ${basic}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          "user-agent": options.userAgent,
        },
        body: new URLSearchParams({ grant_type: grant, ...fields }).toString(),
        headersTimeout: 30_000,
        bodyTimeout: 30_000,
        ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
      });
    } catch (error) {
      throw new TemporaryError(`Cannot reach Bitbucket's OAuth server at ${origin(tokenUrl)}: ${reason(error)}.`, {
        cause: error,
      });
    }
    const text = await response.body.text();
    if (response.statusCode === 200) return parseTokens(text, started);
    throw tokenError(grant, response.statusCode, text, tokenUrl);
  }

  return {
    exchangeCode: ({ code, verifier, redirectUri }) =>
      post("authorization_code", { code, code_verifier: verifier, redirect_uri: redirectUri }),
    refresh: (refreshToken) => post("refresh_token", { refresh_token: refreshToken }),
    clientCredentials: () => post("client_credentials", {}),
  };
}

function parseTokens(text: string, started: number): TokenSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = tokenResponseSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => issue.path.join(".") || "(body)").join(", ");
    throw new BadDataError(`Bitbucket's token endpoint answered 200 with an unusable body (problem with: ${fields}).`);
  }
  const body = parsed.data;
  // Counted from when the request was sent, so network time only makes us refresh a little early.
  const lifetimeMs = (body.expires_in ?? DEFAULT_LIFETIME_SECONDS) * 1000;
  return {
    accessToken: body.access_token,
    ...(body.refresh_token === undefined ? {} : { refreshToken: body.refresh_token }),
    expiresAt: new Date(started + lifetimeMs).toISOString(),
    scopes: parseScopes(body.scope, body.scopes),
  };
}

function tokenError(grant: Grant, status: number, text: string, tokenUrl: string): CliError {
  if (status === 429 || status >= 500) {
    return new TemporaryError(`Bitbucket's OAuth server at ${origin(tokenUrl)} answered HTTP ${status}.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = errorResponseSchema.safeParse(json);
  const code = parsed.success ? parsed.data.error : `HTTP ${status}`;
  const detail = parsed.success && parsed.data.error_description ? `: ${clean(parsed.data.error_description)}` : "";
  const said = `(${code}${detail})`;
  if (code === "invalid_client" || (!parsed.success && status === 401)) {
    const message = `Bitbucket rejected the OAuth consumer key or secret ${said}.`;
    const hint =
      "Check the consumer's key and secret (--client-id/--client-secret or CORVANA_BB_CLIENT_ID/CORVANA_BB_CLIENT_SECRET), then run `corvana-bb login`.";
    return grant === "refresh_token" ? new LoginRequiredError(message, { hint }) : new UsageError(message, { hint });
  }
  if (grant === "refresh_token") {
    return new LoginRequiredError(
      `Bitbucket rejected the saved refresh token ${said}: it was revoked, already used, or unused for 3 months.`,
    );
  }
  if (grant === "authorization_code") {
    return new LoginRequiredError(`Bitbucket refused the authorization code ${said}.`, {
      hint: "Run `corvana-bb login` again; a code is valid once and only for a few minutes.",
    });
  }
  return new UsageError(`Bitbucket refused the client-credentials grant ${said}.`, {
    hint: 'Client credentials need a private consumer: tick "This is a private consumer" in the consumer settings.',
  });
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 200);
}

function origin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : error instanceof Error ? error.message : String(error);
}
