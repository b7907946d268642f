/** Routes for repositories: the workspace's list and a single repository (by slug or `{uuid}`). */
import type { BbqlSchema } from "./bbql-filter.ts";
import { filterAndSort } from "./list-query.ts";
import type { SandboxRepository } from "./model.ts";
import { DEFAULT_PAGE_LIMITS, paginate } from "./paginate.ts";
import { renderRepository } from "./render-repository.ts";
import { isOurWorkspace, lookupRepository, workspaceNotFound } from "./route-lookup.ts";
import { ok, type SandboxRoute } from "./routes.ts";
import { parseIsoMicros } from "./timestamps.ts";

/** The repository fields `q` and `sort` accept in the sandbox. */
export const REPOSITORY_SCHEMA: BbqlSchema<SandboxRepository> = {
  created_on: { type: "datetime", get: (r) => parseIsoMicros(r.createdOn) ?? null },
  updated_on: { type: "datetime", get: (r) => parseIsoMicros(r.updatedOn) ?? null },
  slug: { type: "string", get: (r) => r.slug },
  name: { type: "string", get: (r) => r.name },
  uuid: { type: "string", get: (r) => r.uuid },
  is_private: { type: "boolean", get: (r) => r.isPrivate },
  language: { type: "string", get: (r) => r.language },
  size: { type: "number", get: (r) => r.size },
  "project.key": { type: "string", get: (r) => r.projectKey },
  "project.uuid": { type: "string", get: (r) => r.projectUuid },
  "mainbranch.name": { type: "string", get: (r) => r.mainBranch },
};

/** The repository routes. */
export function repositoryRoutes(): SandboxRoute[] {
  return [
    {
      path: "/2.0/repositories/{workspace}",
      handle: (request) => {
        if (!isOurWorkspace(request)) return workspaceNotFound(request);
        // The recorded real lists come back oldest first, so that is the default order here.
        const result = filterAndSort(request.ctx.model.repositories, request.query, REPOSITORY_SCHEMA, "created_on");
        if (!result.ok) return result.response;
        return paginate(request, result.items, DEFAULT_PAGE_LIMITS, (repo) => renderRepository(request.ctx, repo));
      },
    },
    {
      path: "/2.0/repositories/{workspace}/{repo}",
      handle: (request) => {
        const lookup = lookupRepository(request);
        return lookup.ok ? ok(renderRepository(request.ctx, lookup.repo)) : lookup.response;
      },
    },
  ];
}
