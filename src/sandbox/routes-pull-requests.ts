/**
 * Routes for pull requests. The list returns only OPEN pull requests unless `state` is given,
 * and `state` may repeat (SPEC `…/pullrequests` GET); its pagelen caps at 50 (a larger one is a
 * 400, jenkinsci/bitbucket-branch-source-plugin#1182); it is newest-updated first by default.
 */
import type { BbqlSchema } from "./bbql-filter.ts";
import type { PullRequestTimeline } from "./generate-pull-request.ts";
import { filterAndSort } from "./list-query.ts";
import { PULL_REQUEST_STATES, type PullRequestState } from "./model.ts";
import { paginate } from "./paginate.ts";
import type { PullRequestIndex } from "./pull-request-index.ts";
import { getPullRequest } from "./pull-requests.ts";
import { PULL_REQUEST_LIST_HIDDEN, renderPullRequest } from "./render-pull-request.ts";
import { lookupRepository } from "./route-lookup.ts";
import { jsonError, ok, type SandboxRoute } from "./routes.ts";

/** The pull request fields `q` and `sort` accept in the sandbox. */
export const PULL_REQUEST_SCHEMA: BbqlSchema<PullRequestTimeline> = {
  id: { type: "number", get: (t) => t.id },
  state: { type: "string", get: (t) => t.state },
  created_on: { type: "datetime", get: (t) => t.createdMicros },
  updated_on: { type: "datetime", get: (t) => t.updatedMicros },
  draft: { type: "boolean", get: (t) => t.draft },
};

const PAGE_LIMITS = { defaultPagelen: 10, maxPagelen: 50 };

/** The pull request routes, reading timelines through `index`. */
export function pullRequestRoutes(index: PullRequestIndex): SandboxRoute[] {
  return [
    {
      path: "/2.0/repositories/{workspace}/{repo}/pullrequests",
      handle: (request) => {
        const lookup = lookupRepository(request);
        if (!lookup.ok) return lookup.response;
        const { repo } = lookup;
        const asked = request.query.getAll("state");
        const states = asked.length === 0 ? ["OPEN"] : asked;
        const unknown = states.find((s) => !(PULL_REQUEST_STATES as readonly string[]).includes(s));
        if (unknown !== undefined) return jsonError(400, `Invalid state: ${unknown}`);
        const inStates = index.timelines(repo).filter((t) => states.includes(t.state as PullRequestState));
        const result = filterAndSort(inStates, request.query, PULL_REQUEST_SCHEMA, "-updated_on");
        if (!result.ok) return result.response;
        return paginate(
          request,
          result.items,
          PAGE_LIMITS,
          (t) => {
            const pr = getPullRequest(request.ctx.model, repo, t.id);
            return pr ? renderPullRequest(request.ctx, repo, pr) : null;
          },
          PULL_REQUEST_LIST_HIDDEN,
        );
      },
    },
    {
      path: "/2.0/repositories/{workspace}/{repo}/pullrequests/{id}",
      handle: (request) => {
        const lookup = lookupRepository(request);
        if (!lookup.ok) return lookup.response;
        const id = request.params.id ?? "";
        const pr = /^\d+$/.test(id) ? getPullRequest(request.ctx.model, lookup.repo, Number(id)) : undefined;
        return pr ? ok(renderPullRequest(request.ctx, lookup.repo, pr)) : jsonError(404, "Pull request not found");
      },
    },
  ];
}
