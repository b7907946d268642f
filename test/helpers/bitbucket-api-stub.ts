/**
 * A stand-in for the three Bitbucket REST calls `login` makes (GET /2.0/user, /2.0/user/workspaces,
 * /2.0/workspaces/{ws}), for login tests that must not depend on the REST sandbox. It accepts the access
 * tokens the OAuth sandbox issued, plus fixed Bearer/Basic credentials a test names.
 */
import type http from "node:http";
import { type LoopbackServer, sendJson, startLoopbackServer } from "../../src/sandbox/oauth/loopback-server.ts";
import type { OAuthSandbox } from "../../src/sandbox/oauth/oauth-sandbox.ts";

/** What the stub accepts and knows. */
export interface ApiStubOptions {
  oauth?: OAuthSandbox;
  /** Extra accepted Authorization header values, with the scopes to report for each. */
  accepted?: Record<string, string[]>;
  workspaces: string[];
}

/** A running stub; `url` is the API base including /2.0. */
export interface ApiStub {
  url: string;
  server: LoopbackServer;
  /** The Authorization header of every request, in order. */
  authorizations: string[];
  close(): Promise<void>;
}

/** Starts the stub on 127.0.0.1. */
export async function startApiStub(options: ApiStubOptions): Promise<ApiStub> {
  const authorizations: string[] = [];
  const scopesFor = (header: string): string[] | undefined => {
    if (options.accepted?.[header] !== undefined) return options.accepted[header];
    const bearer = /^Bearer (.+)$/.exec(header)?.[1];
    if (bearer !== undefined && options.oauth?.isValidAccessToken(bearer))
      return options.oauth.issuedAccessTokens.get(bearer)?.scopes;
    return undefined;
  };
  const handler = (request: http.IncomingMessage, response: http.ServerResponse): boolean => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" || !url.pathname.startsWith("/2.0/")) return false;
    const header = request.headers.authorization ?? "";
    authorizations.push(header);
    const scopes = scopesFor(header);
    if (scopes === undefined) {
      response
        .writeHead(401, { "content-type": "text/plain" })
        .end("Token is invalid, expired, or not supported for this endpoint.");
      return true;
    }
    response.setHeader("x-oauth-scopes", scopes.join(", "));
    const path = url.pathname.slice("/2.0".length);
    if (path === "/user") {
      sendJson(response, 200, { type: "user", uuid: "{00000000-0000-4000-8000-000000000001}" });
      return true;
    }
    if (path === "/user/workspaces") {
      sendJson(response, 200, { values: options.workspaces.map((slug) => ({ workspace: { slug } })), pagelen: 100 });
      return true;
    }
    const slug = /^\/workspaces\/([^/]+)$/.exec(path)?.[1];
    if (slug === undefined) return false;
    if (!options.workspaces.includes(decodeURIComponent(slug))) {
      sendJson(response, 404, { type: "error", error: { message: "No workspace with identifier" } });
      return true;
    }
    sendJson(response, 200, { slug: decodeURIComponent(slug), uuid: "{00000000-0000-4000-8000-00000000000a}" });
    return true;
  };
  const server = await startLoopbackServer(handler);
  return { url: `${server.origin}/2.0`, server, authorizations, close: () => server.close() };
}
