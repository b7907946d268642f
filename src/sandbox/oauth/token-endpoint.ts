/**
 * `POST /site/oauth2/access_token` as Bitbucket behaves (api-notes §1): form-encoded only (a JSON body
 * gets "Unsupported grant type: None"), consumer key and secret by HTTP Basic or in the form, single-use
 * codes, rotating refresh tokens, client credentials only for private consumers and without a refresh
 * token, both `scope` and `scopes` in the answer, and `state` set to the grant type.
 */

import { createHash } from "node:crypto";
import type http from "node:http";
import { readBody, sendJson } from "./loopback-server.ts";
import type { Grant, OAuthState, SandboxConsumer } from "./oauth-state.ts";

/** Answers a token request. */
export async function handleToken(
  state: OAuthState,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const body = await readBody(request, 64 * 1024);
  const form = /^application\/x-www-form-urlencoded/i.test(request.headers["content-type"] ?? "")
    ? new URLSearchParams(body)
    : undefined;
  const grant = form?.get("grant_type") ?? "None";
  const answer = (status: number, json: unknown) => {
    state.tokenRequests.push({ grant, status });
    sendJson(response, status, json);
  };
  const fail = (status: number, error: string, description: string) =>
    answer(status, { error, error_description: description });

  if (form === undefined) return fail(400, "invalid_grant", "Unsupported grant type: None");
  const consumer = authenticate(state, request, form);
  if (consumer === undefined) return fail(401, "invalid_client", "Client credentials missing or invalid.");

  const issue = (kind: Grant) => {
    const { accessToken, refreshToken } = state.issueTokens(consumer, kind);
    const scopes = consumer.scopes.join(" ");
    answer(200, {
      access_token: accessToken,
      scope: scopes,
      scopes,
      token_type: "bearer",
      expires_in: state.knobs.lifetimeSeconds,
      state: kind,
      ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    });
  };

  switch (grant) {
    case "authorization_code": {
      const code = state.takeCode(form.get("code") ?? "", consumer.key);
      if (code === undefined) return fail(400, "invalid_grant", "The authorization code is invalid or has expired.");
      const redirectUri = form.get("redirect_uri");
      if (code.redirectUri !== undefined && redirectUri !== null && redirectUri !== code.redirectUri) {
        return fail(400, "invalid_grant", "redirect_uri does not match the authorization request.");
      }
      const verifier = form.get("code_verifier");
      if (code.challenge !== undefined && verifier !== null && s256(verifier) !== code.challenge) {
        return fail(400, "invalid_grant", "code_verifier does not match the code_challenge.");
      }
      return issue("authorization_code");
    }
    case "refresh_token":
      if (!state.takeRefreshToken(form.get("refresh_token") ?? "", consumer.key)) {
        return fail(400, "invalid_grant", "Invalid refresh_token");
      }
      return issue("refresh_token");
    case "client_credentials":
      if (consumer.isPrivate !== true)
        return fail(400, "unauthorized_client", "Client credentials require a private consumer.");
      return issue("client_credentials");
    default:
      return fail(400, "unsupported_grant_type", `Unsupported grant type: ${grant}`);
  }
}

function authenticate(
  state: OAuthState,
  request: http.IncomingMessage,
  form: URLSearchParams,
): SandboxConsumer | undefined {
  let key = form.get("client_id");
  let secret = form.get("client_secret");
  const header = request.headers.authorization ?? "";
  if (/^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    key = decoded.slice(0, colon);
    secret = decoded.slice(colon + 1);
  }
  const consumer = state.consumer(key);
  return consumer !== undefined && consumer.secret === secret ? consumer : undefined;
}

// Computed here rather than imported from src/auth, so the sandbox checks the client instead of agreeing with it.
function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}
