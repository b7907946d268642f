/**
 * Routes for deployment environments and deployments, list-based with `pagelen` at most 100.
 * Deployments come newest first; Bitbucket silently ignores `q` here and answers `sort=created_on`
 * with a 400 (constructorfabric/insight README, "verified against the live API"; api-notes.md §4,
 * §9.9), so the sandbox ignores `q` and refuses any `sort`. A repository without Pipelines answers
 * 404 or 403 for both.
 */
import { deriveEnvironments } from "./generate-environments.ts";
import { paginate } from "./paginate.ts";
import { renderDeployment, renderEnvironment } from "./render-deployment.ts";
import type { ResourceIndexes } from "./resource-indexes.ts";
import { lookupPipelinesRepository } from "./route-lookup.ts";
import { jsonError, type SandboxRoute } from "./routes.ts";

const PAGE_LIMITS = { defaultPagelen: 10, maxPagelen: 100 };

/** The environment and deployment routes, reading deployments through `indexes`. */
export function deploymentRoutes(indexes: ResourceIndexes): SandboxRoute[] {
  return [
    {
      path: "/2.0/repositories/{workspace}/{repo}/environments",
      handle: (request) => {
        const lookup = lookupPipelinesRepository(request);
        if (!lookup.ok) return lookup.response;
        const environments = deriveEnvironments(request.ctx.model, lookup.repo);
        return paginate(request, environments, PAGE_LIMITS, (e) => renderEnvironment(request.ctx, lookup.repo, e));
      },
    },
    {
      path: "/2.0/repositories/{workspace}/{repo}/deployments",
      handle: (request) => {
        const lookup = lookupPipelinesRepository(request);
        if (!lookup.ok) return lookup.response;
        const sort = request.query.get("sort");
        if (sort !== null) return jsonError(400, "Invalid sort", `"${sort}" cannot be sorted on`);
        const { deployments } = indexes.pipelines.get(lookup.repo);
        return paginate(request, deployments, PAGE_LIMITS, (d) => renderDeployment(request.ctx, lookup.repo, d));
      },
    },
  ];
}
