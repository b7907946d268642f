/**
 * The data-driven route table of the sandbox server. A route is a method, a path template and a
 * handler that returns a response description; the server does auth, faults, logging and
 * `fields`. New resources (pipelines, deployments, branches, …) are new entries, nothing else.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { RenderContext } from "./render-context.ts";

/** What a handler sees of a request. */
export interface RouteRequest {
  method: string;
  /** Path parameters, percent-decoded (`{uuid}` forms arrive with their braces). */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** The request's absolute URL on the sandbox, as a client would follow it. */
  url: URL;
  headers: IncomingHttpHeaders;
  /** The request body as text ("" for GET). */
  body: string;
  ctx: RenderContext;
}

/** A JSON answer; `fields` is applied to it when the status is 200. */
export interface JsonResponse {
  status: number;
  json: unknown;
  /** Paths left out unless `fields` asks for them. */
  hiddenFields?: readonly string[];
  headers?: Readonly<Record<string, string>>;
}

/** A non-JSON answer (plain-text errors, HTML, form-encoded bodies). */
export interface TextResponse {
  status: number;
  text: string;
  contentType: string;
  headers?: Readonly<Record<string, string>>;
}

/** What a handler returns. */
export type RouteResponse = JsonResponse | TextResponse;

/** One entry of the route table. */
export interface SandboxRoute {
  /** HTTP method (default GET). */
  method?: string;
  /** Template from the server root, e.g. `/2.0/repositories/{workspace}/{repo}`. */
  path: string;
  /** `bearer` (default) requires a valid `Authorization: Bearer` token; `none` skips the check. */
  auth?: "bearer" | "none";
  handle(request: RouteRequest): RouteResponse | Promise<RouteResponse>;
}

/** The result of looking a request up in the table. */
export type RouteMatch =
  | { kind: "found"; route: SandboxRoute; params: Record<string, string> }
  | { kind: "wrong-method" }
  | { kind: "none" };

/**
 * Finds the route for a request. Literal segments win over parameters, so a later
 * `/pullrequests/activity` is not taken for pull request "activity". A trailing slash is
 * accepted, as Bitbucket accepts `…/pipelines/`.
 */
export function matchRoute(routes: readonly SandboxRoute[], method: string, pathname: string): RouteMatch {
  const segments = splitPath(pathname);
  let best: { route: SandboxRoute; params: Record<string, string>; literals: number } | undefined;
  let wrongMethod = false;
  for (const route of routes) {
    const params = matchTemplate(splitPath(route.path), segments);
    if (!params) continue;
    if ((route.method ?? "GET") !== method) {
      wrongMethod = true;
      continue;
    }
    const literals = splitPath(route.path).filter((s) => !s.startsWith("{")).length;
    if (!best || literals > best.literals) best = { route, params, literals };
  }
  if (best) return { kind: "found", route: best.route, params: best.params };
  return wrongMethod ? { kind: "wrong-method" } : { kind: "none" };
}

/** The decoded segments of a path, without empty ones from leading or trailing slashes. */
export function splitPath(pathname: string): string[] {
  return pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
}

function matchTemplate(template: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (template.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, part] of template.entries()) {
    const actual = segments[i] ?? "";
    if (part.startsWith("{") && part.endsWith("}")) params[part.slice(1, -1)] = actual;
    else if (part !== actual) return undefined;
  }
  return params;
}

/** A Bitbucket-style JSON error: `{"type":"error","error":{"message":…}}`. */
export function jsonError(status: number, message: string, detail?: string): JsonResponse {
  const error = detail === undefined ? { message } : { message, detail };
  return { status, json: { type: "error", error } };
}

/** A 200 JSON answer. */
export function ok(json: unknown, hiddenFields?: readonly string[]): JsonResponse {
  return hiddenFields ? { status: 200, json, hiddenFields } : { status: 200, json };
}
