/**
 * The one place that talks HTTP to Bitbucket: a GET over a keep-alive undici Agent with timeouts,
 * the Bearer token, and a User-Agent naming the tool. Policies (retry, throttle, budget) wrap it.
 */
import { Agent, type Dispatcher, request as undiciRequest } from "undici";
import { userAgentFor } from "../version.ts";

/** A GET to send: the full URL (built from the endpoint table or a checked `next` link). */
export interface HttpRequest {
  url: string;
  signal?: AbortSignal;
}

/** A response read to the end; header names are lowercase. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends one request and returns its response; throws on network errors only. */
export type RequestFn = (request: HttpRequest) => Promise<HttpResponse>;

/** Socket timeouts in milliseconds. */
export interface TransportTimeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
  keepAliveMs: number;
}

/** What the transport needs from its caller. */
export interface TransportDeps {
  /** Called before every request, so a refreshed token is picked up at once. */
  getAccessToken: () => Promise<string>;
  /**
   * The whole Authorization header value, when it is not a Bearer token (an Atlassian API token goes as Basic
   * `email:token`); wins over getAccessToken.
   */
  getAuthorizationHeader?: (() => Promise<string>) | undefined;
  /** The tool's version, sent in the User-Agent. */
  userAgentVersion: string;
  /** A dispatcher to use instead of the transport's own Agent (proxies, tests); not closed by us. */
  dispatcher?: Dispatcher;
  timeouts?: Partial<TransportTimeouts>;
}

/** The transport: one request function plus a way to release its sockets. */
export interface Transport {
  request: RequestFn;
  /** Closes the keep-alive sockets of the transport's own Agent (an injected dispatcher is left open). */
  close: () => Promise<void>;
}

const DEFAULT_TIMEOUTS: TransportTimeouts = {
  connectMs: 10_000,
  headersMs: 30_000,
  bodyMs: 60_000,
  keepAliveMs: 30_000,
};

/** Creates the HTTP transport for Bitbucket Cloud. */
export function createTransport(deps: TransportDeps): Transport {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...deps.timeouts };
  const owned = deps.dispatcher === undefined;
  const dispatcher =
    deps.dispatcher ??
    new Agent({
      connectTimeout: timeouts.connectMs,
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
      keepAliveTimeout: timeouts.keepAliveMs,
    });
  const agentHeader = userAgentFor(deps.userAgentVersion);

  return {
    async request({ url, signal }) {
      const authorization = deps.getAuthorizationHeader
        ? await deps.getAuthorizationHeader()
        : `Bearer ${await deps.getAccessToken()}`;
      const response = await undiciRequest(url, {
        method: "GET",
        dispatcher,
        headers: {
          authorization,
          accept: "application/json",
          "user-agent": agentHeader,
        },
        // Per request as well, so an injected dispatcher (a proxy agent) gets the same timeouts.
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
        ...(signal === undefined ? {} : { signal }),
      });
      const body = await response.body.text();
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body,
      };
    },
    async close() {
      if (owned) await dispatcher.close();
    },
  };
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
