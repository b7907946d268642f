/** Routes for the current user and the workspace: `/user`, `/user/workspaces`, `/workspaces/{workspace}`. */
import type { BbqlSchema } from "./bbql-filter.ts";
import { filterAndSort } from "./list-query.ts";
import type { SandboxWorkspace } from "./model.ts";
import { DEFAULT_PAGE_LIMITS, paginate } from "./paginate.ts";
import { renderCurrentUser, renderWorkspace, renderWorkspaceAccess } from "./render-account.ts";
import { isOurWorkspace, workspaceNotFound } from "./route-lookup.ts";
import { ok, type SandboxRoute } from "./routes.ts";

// `/user/workspaces` documents filtering and sorting by slug only (SPEC parameter descriptions).
const WORKSPACE_SCHEMA: BbqlSchema<SandboxWorkspace> = {
  slug: { type: "string", get: (w) => w.slug },
};

/** The account and workspace routes. Every token belongs to the first person of the model. */
export function accountRoutes(): SandboxRoute[] {
  return [
    { path: "/2.0/user", handle: (request) => ok(renderCurrentUser(request.ctx, 0)) },
    {
      path: "/2.0/user/workspaces",
      handle: (request) => {
        const result = filterAndSort([request.ctx.model.workspace], request.query, WORKSPACE_SCHEMA, "slug");
        if (!result.ok) return result.response;
        return paginate(request, result.items, DEFAULT_PAGE_LIMITS, () => renderWorkspaceAccess(request.ctx));
      },
    },
    {
      path: "/2.0/workspaces/{workspace}",
      handle: (request) => (isOurWorkspace(request) ? ok(renderWorkspace(request.ctx)) : workspaceNotFound(request)),
    },
  ];
}
