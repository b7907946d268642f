/**
 * One request through the sandbox: match the route, record it, inject a fault if one is due,
 * check the Bearer token, run the handler, apply `fields`, answer. Unknown and content requests
 * are recorded whatever the answer, so a test can fail on them.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { isContentPath } from "./content-paths.ts";
import type { FaultInjector } from "./faults.ts";
import { applyFields } from "./fields.ts";
import type { RenderContext } from "./render-context.ts";
import { queryRecord, type RequestLogEntry } from "./request-log.ts";
import { jsonError, matchRoute, type RouteResponse, type SandboxRoute, splitPath } from "./routes.ts";
import type { TokenRegistry } from "./tokens.ts";

/** Where the handler records what it saw. */
export interface RequestLogs {
  requests: RequestLogEntry[];
  unknownRequests: RequestLogEntry[];
  contentRequests: RequestLogEntry[];
  internalErrors: unknown[];
}

/** What the handler needs. */
export interface RequestHandlerDeps {
  routes: readonly SandboxRoute[];
  faults: FaultInjector;
  tokens: TokenRegistry;
  ctx: RenderContext;
  logs: RequestLogs;
}

// The body Bitbucket sends for a URL it has no API for (recorded in sourcebot-dev/sourcebot#295).
const NO_API = jsonError(
  404,
  "Resource not found",
  "There is no API hosted at this URL.\n\nFor information about our API's, please refer to the documentation at: https://developer.atlassian.com/bitbucket/api/2/reference/",
);

/** Creates the `request` listener of the sandbox server. */
export function createRequestHandler(deps: RequestHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { routes, faults, tokens, ctx, logs } = deps;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", ctx.web);
    const entry: RequestLogEntry = {
      method,
      path: `/${splitPath(url.pathname).join("/")}`,
      query: queryRecord(url.searchParams),
      status: 0,
    };
    const match = matchRoute(routes, method, url.pathname);
    const record = () => {
      logs.requests.push(entry);
      if (match.kind !== "found")
        (isContentPath(url.pathname) ? logs.contentRequests : logs.unknownRequests).push(entry);
    };
    const body = await readBody(req);
    const latency = faults.latencyMs();
    if (latency > 0) await sleep(latency);
    const fault = faults.decide(entry.path);
    if (fault.kind === "reset") {
      record();
      req.socket.destroy();
      return;
    }
    let response: RouteResponse;
    if (fault.kind === "respond") {
      response = { status: fault.status, text: fault.body, contentType: fault.contentType, headers: fault.headers };
    } else if (match.kind === "wrong-method") {
      // The collector only reads; a write to a known resource is as forbidden as an unknown URL.
      response = jsonError(405, `Method ${method} is not allowed here`);
    } else if (match.kind === "none") {
      response = NO_API;
    } else {
      const auth = match.route.auth === "none" ? undefined : tokens.authenticate(req.headers.authorization);
      if (auth && !auth.ok) {
        response = jsonError(401, auth.message);
      } else {
        const request = { method, params: match.params, query: url.searchParams, url, headers: req.headers, body, ctx };
        try {
          response = await match.route.handle(request);
        } catch (error) {
          logs.internalErrors.push(error);
          response = jsonError(500, "Internal sandbox error");
        }
      }
    }
    entry.status = response.status;
    // Recorded before the answer leaves, so a client holding the answer also sees the entry.
    record();
    send(res, response, url.searchParams.get("fields"));
  }

  return (req, res) => {
    void handle(req, res).catch((error: unknown) => {
      logs.internalErrors.push(error);
      if (!res.headersSent) send(res, jsonError(500, "Internal sandbox error"));
    });
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, response: RouteResponse, fields: string | null = null): void {
  const headers: Record<string, string> = { ...response.headers };
  let body: string;
  if ("json" in response) {
    const json = response.status === 200 ? applyFields(response.json, fields, response.hiddenFields) : response.json;
    body = JSON.stringify(json);
    headers["Content-Type"] = "application/json; charset=utf-8";
  } else {
    body = response.text;
    headers["Content-Type"] = response.contentType;
  }
  res.writeHead(response.status, headers);
  res.end(body);
}
