/** Resolves the `{workspace}` and `{repo}` path parameters (slug or `{uuid}`) as Bitbucket does. */
import type { SandboxRepository } from "./model.ts";
import { findRepository } from "./pull-requests.ts";
import { jsonError, type RouteRequest, type RouteResponse } from "./routes.ts";

/** The workspace and repository of the request, or the 404 to answer. */
export type RepositoryLookup = { ok: true; repo: SandboxRepository } | { ok: false; response: RouteResponse };

/** True when `{workspace}` names the sandbox workspace, by slug or `{uuid}`. */
export function isOurWorkspace(request: RouteRequest): boolean {
  const value = (request.params.workspace ?? "").toLowerCase();
  const { slug, uuid } = request.ctx.model.workspace;
  return value === slug.toLowerCase() || value === uuid;
}

/** A 404 for a workspace the sandbox does not have. */
export function workspaceNotFound(request: RouteRequest): RouteResponse {
  return jsonError(404, `No workspace with identifier '${request.params.workspace ?? ""}'.`);
}

/** Looks up `{workspace}/{repo}`. */
export function lookupRepository(request: RouteRequest): RepositoryLookup {
  if (!isOurWorkspace(request)) return { ok: false, response: workspaceNotFound(request) };
  const repo = findRepository(request.ctx.model, request.params.repo ?? "");
  if (!repo) {
    const name = `${request.params.workspace ?? ""}/${request.params.repo ?? ""}`;
    return { ok: false, response: jsonError(404, `Repository ${name} not found`) };
  }
  return { ok: true, repo };
}

/**
 * Looks up `{workspace}/{repo}` for a Pipelines resource (runs, steps, environments, deployments):
 * a repository without Pipelines answers 404 or 403 with a JSON error, both seen in the wild
 * (api-notes.md §9.13; insight `paginate_optional`).
 */
export function lookupPipelinesRepository(request: RouteRequest): RepositoryLookup {
  const lookup = lookupRepository(request);
  if (!lookup.ok) return lookup;
  switch (lookup.repo.pipelinesUnavailable) {
    case 404:
      return {
        ok: false,
        response: jsonError(404, "Resource not found", "Pipelines is not enabled for this repository."),
      };
    case 403:
      return {
        ok: false,
        response: jsonError(403, "Access denied", "You do not have access to Pipelines in this repository."),
      };
    default:
      return lookup;
  }
}
