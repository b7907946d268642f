/**
 * Routes for pull request activity: the repository-wide feed (`…/pullrequests/activity`) and one
 * pull request's (`…/pullrequests/{id}/activity`). Both are newest first with iterator pagination:
 * `next` is an absolute URL with an opaque `ctx=` cursor, and there is no page number or `size`
 * (api-notes.md §5 › PR activity). `pagelen` caps at 50 (100 is a 400, constructorfabric/insight#1891);
 * the default is 20, as in the SPEC's examples.
 */
import { compareFeed, type FeedEntry, type FeedKey, pullRequestActivity } from "./activity.ts";
import type { SandboxPullRequest, SandboxRepository } from "./model.ts";
import { firstAfter, type IteratorCursor, paginateIterator } from "./paginate-iterator.ts";
import { getPullRequest } from "./pull-requests.ts";
import { renderActivity } from "./render-activity.ts";
import type { RenderContext } from "./render-context.ts";
import type { ResourceIndexes } from "./resource-indexes.ts";
import { lookupRepository } from "./route-lookup.ts";
import { jsonError, type RouteRequest, type RouteResponse, type SandboxRoute } from "./routes.ts";

const PAGE_LIMITS = { defaultPagelen: 20, maxPagelen: 50 };

/** The activity routes, reading the repository-wide feed through `indexes`. */
export function activityRoutes(indexes: ResourceIndexes): SandboxRoute[] {
  return [
    {
      path: "/2.0/repositories/{workspace}/{repo}/pullrequests/activity",
      handle: (request) => {
        const lookup = lookupRepository(request);
        if (!lookup.ok) return lookup.response;
        return serveFeed(request, lookup.repo, indexes.activity.get(lookup.repo));
      },
    },
    {
      path: "/2.0/repositories/{workspace}/{repo}/pullrequests/{id}/activity",
      handle: (request) => {
        const lookup = lookupRepository(request);
        if (!lookup.ok) return lookup.response;
        const id = request.params.id ?? "";
        const entries = /^\d+$/.test(id) ? pullRequestActivity(request.ctx.model, lookup.repo, Number(id)) : undefined;
        if (!entries) return jsonError(404, "Pull request not found");
        return serveFeed(request, lookup.repo, entries.sort(compareFeed));
      },
    },
  ];
}

function serveFeed(request: RouteRequest, repo: SandboxRepository, feed: readonly FeedEntry[]): RouteResponse {
  // The `ctx` cursor is the feed position of the last entry shown, base64url-encoded.
  const cursor: IteratorCursor<FeedEntry> = {
    param: "ctx",
    after: (entry) => Buffer.from(`${entry.micros}.${entry.pullRequestId}.${entry.seq}`).toString("base64url"),
    start: (token) => {
      const key = decodeCursor(token);
      return key === undefined ? undefined : firstAfter(feed, key, compareFeed);
    },
  };
  const pullRequests = pullRequestLookup(request.ctx, repo);
  return paginateIterator(request, feed, PAGE_LIMITS, cursor, (entry) =>
    renderActivity(request.ctx, repo, pullRequests(entry.pullRequestId), entry),
  );
}

function decodeCursor(token: string): FeedKey | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) return undefined;
  return { micros: Number(match[1]), pullRequestId: Number(match[2]), seq: Number(match[3]) };
}

// A page holds entries of a few pull requests; each is derived once per page.
function pullRequestLookup(ctx: RenderContext, repo: SandboxRepository): (id: number) => SandboxPullRequest {
  const seen = new Map<number, SandboxPullRequest>();
  return (id) => {
    let pr = seen.get(id);
    if (!pr) {
      pr = getPullRequest(ctx.model, repo, id);
      if (!pr) throw new RangeError(`activity of a missing pull request ${id}`);
      seen.set(id, pr);
    }
    return pr;
  };
}
