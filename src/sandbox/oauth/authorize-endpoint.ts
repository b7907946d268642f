/**
 * `GET /site/oauth2/authorize` as Bitbucket behaves: an unknown client or a redirect_uri that does not
 * start with the consumer's registered callback gets an error page and no redirect; otherwise the
 * simulated user's consent (a sandbox knob) decides between `?code=…&state=…` and `?error=access_denied`.
 */
import type http from "node:http";
import type { OAuthState } from "./oauth-state.ts";

/** Answers an authorize request. */
export function handleAuthorize(state: OAuthState, url: URL, response: http.ServerResponse): void {
  const consumer = state.consumer(url.searchParams.get("client_id"));
  if (consumer === undefined) {
    errorPage(response, "Invalid client_id");
    return;
  }
  const requested = url.searchParams.get("redirect_uri");
  if (requested !== null && !requested.startsWith(consumer.callbackUrl)) {
    errorPage(response, "Invalid redirect_uri – This integration is misconfigured. Contact the vendor for support.");
    return;
  }
  const target = new URL(requested ?? consumer.callbackUrl);
  const clientState = url.searchParams.get("state");
  if (clientState !== null) target.searchParams.set("state", clientState);
  if (url.searchParams.get("response_type") !== "code") {
    target.searchParams.set("error", "unsupported_response_type");
  } else if (state.knobs.consent === "deny") {
    target.searchParams.set("error", "access_denied");
    target.searchParams.set("error_description", "The user denied access.");
  } else {
    const challenge =
      url.searchParams.get("code_challenge_method") === "S256" ? url.searchParams.get("code_challenge") : null;
    target.searchParams.set("code", state.issueCode(consumer.key, requested ?? undefined, challenge ?? undefined));
  }
  response.writeHead(302, { location: target.toString(), "cache-control": "no-store" }).end();
}

function errorPage(response: http.ServerResponse, message: string): void {
  response.writeHead(400, { "content-type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><title>Bitbucket</title><h1>${message}</h1>`);
}
