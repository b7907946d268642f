/**
 * Routes for the effective branching model (scope `repository`, no admin needed, unlike
 * `…/branching-model/settings`) and for branches (`…/refs/branches`: list-based, `pagelen` at most
 * 100, `q` and `sort` on `name` and `target.date`, by name by default).
 */
import type { BbqlSchema } from "./bbql-filter.ts";
import { deriveBranches, deriveBranchingModel } from "./generate-branches.ts";
import { filterAndSort } from "./list-query.ts";
import type { SandboxBranch } from "./model-resources.ts";
import { DEFAULT_PAGE_LIMITS, paginate } from "./paginate.ts";
import { renderBranch, renderBranchingModel } from "./render-commit.ts";
import { lookupRepository } from "./route-lookup.ts";
import { ok, type SandboxRoute } from "./routes.ts";

/** The branch fields `q` and `sort` accept in the sandbox. */
export const BRANCH_SCHEMA: BbqlSchema<SandboxBranch> = {
  name: { type: "string", get: (b) => b.name },
  "target.hash": { type: "string", get: (b) => b.target.hash },
  "target.date": { type: "datetime", get: (b) => b.target.micros },
};

/** The branching model and branch routes. */
export function branchRoutes(): SandboxRoute[] {
  return [
    {
      path: "/2.0/repositories/{workspace}/{repo}/effective-branching-model",
      handle: (request) => {
        const lookup = lookupRepository(request);
        if (!lookup.ok) return lookup.response;
        const { model } = request.ctx;
        const branchingModel = deriveBranchingModel(model, lookup.repo);
        const branches = deriveBranches(model, lookup.repo);
        return ok(renderBranchingModel(request.ctx, lookup.repo, branchingModel, branches));
      },
    },
    {
      path: "/2.0/repositories/{workspace}/{repo}/refs/branches",
      handle: (request) => {
        const lookup = lookupRepository(request);
        if (!lookup.ok) return lookup.response;
        const branches = deriveBranches(request.ctx.model, lookup.repo);
        const result = filterAndSort(branches, request.query, BRANCH_SCHEMA, "name");
        if (!result.ok) return result.response;
        return paginate(request, result.items, DEFAULT_PAGE_LIMITS, (b) => renderBranch(request.ctx, lookup.repo, b));
      },
    },
  ];
}
