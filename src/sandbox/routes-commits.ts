/**
 * The route for commits reachable from a revision (`…/commits/{revision}`; the revision is the main
 * branch name, URL-encoded, or a commit hash on it), newest first in topological order, with
 * iterator pagination: `next` carries an opaque `page=<hash>` and there is no `size` (Bitbucket
 * docs, "Pagination": "The commits resource uses iterator-based pagination"). `pagelen` caps at 100.
 */
import type { SandboxCommit } from "./model-resources.ts";
import { type IteratorCursor, paginateIterator } from "./paginate-iterator.ts";
import { renderCommit } from "./render-commit.ts";
import type { ResourceIndexes } from "./resource-indexes.ts";
import { lookupRepository } from "./route-lookup.ts";
import { jsonError, type SandboxRoute } from "./routes.ts";

const PAGE_LIMITS = { defaultPagelen: 30, maxPagelen: 100 };

/** The commit route, reading main-branch histories through `indexes`. */
export function commitRoutes(indexes: ResourceIndexes): SandboxRoute[] {
  return [
    {
      path: "/2.0/repositories/{workspace}/{repo}/commits/{revision}",
      handle: (request) => {
        const lookup = lookupRepository(request);
        if (!lookup.ok) return lookup.response;
        const { commits, position } = indexes.commits.get(lookup.repo);
        const revision = request.params.revision ?? "";
        const from = revision === lookup.repo.mainBranch ? 0 : position.get(revision.toLowerCase());
        if (from === undefined) return jsonError(404, "Commit not found");
        const reachable = from === 0 ? commits : commits.slice(from);
        const cursor: IteratorCursor<SandboxCommit> = {
          param: "page",
          // The cursor is the hash of the last commit shown; the next page starts after it.
          after: (commit) => commit.hash,
          start: (token) => {
            const at = position.get(token);
            return at === undefined || at < from ? undefined : at - from + 1;
          },
        };
        return paginateIterator(request, reachable, PAGE_LIMITS, cursor, (c) =>
          renderCommit(request.ctx, lookup.repo, c),
        );
      },
    },
  ];
}
