/**
 * Crawls one repository's pull requests incrementally and resumably.
 *
 * Listing sorts by the immutable `id` and filters `updated_on > since` (BBQL, api-notes §4). Sorting by a
 * mutable field while paging lets rows jump across pages and be skipped (api-notes §3, backstage#26854);
 * with an immutable sort key a row updated mid-walk is at worst read twice, and upserts make that harmless.
 * Every page commits together with its cursor. A killed walk resumes with `id > afterId` from the same
 * `since`; a finished walk moves `since` to its own start time minus an overlap for clock skew. A first
 * walk (no cursor) starts at the look-back window's start.
 */
import type { BitbucketClient } from "../bitbucket/client.ts";
import type { PullRequest } from "../bitbucket/types.ts";
import { accessLostError } from "./access-lost.ts";
import { commitPage, countFetched, type RepositoryCrawl } from "./crawl-context.ts";
import { toPullRequestRow } from "./to-rows.ts";

/** The stored cursor of a repository's pull-request walk. */
export interface PullRequestCursor {
  /** Only pull requests updated after this are listed (null: all of them). */
  since: string | null;
  /** Set while a walk is in progress; becomes the next `since` (minus overlap) when it completes. */
  walkStartedAt: string | null;
  /** The highest id committed by the walk in progress. */
  afterId: number | null;
}

/** Overlap subtracted from a walk's start: tolerates this much clock skew between us and Bitbucket. */
export const overlapMs = 5 * 60 * 1000;

const resource = "pullrequests";

/**
 * Crawls the pull requests of one repository. A first walk lists those updated inside the look-back
 * window; a --full walk that finds none where the cache holds some means the token lost access.
 */
export async function syncPullRequests(crawl: RepositoryCrawl): Promise<void> {
  const { ctx, repo } = crawl;
  const { client, store, keys, run } = ctx;
  const saved = store.cursors.get<PullRequestCursor>(repo.uuid, resource);
  const cursor: PullRequestCursor =
    saved?.walkStartedAt != null
      ? saved
      : { since: saved?.since ?? ctx.windowStart, walkStartedAt: ctx.now().toISOString(), afterId: null };
  const model = { mainBranch: repo.mainBranch };
  let listed = 0;
  const pages = client.listPullRequests(ctx.workspace, repo.slug, {
    ...(cursor.since === null ? {} : { updatedAfter: cursor.since }),
    ...(cursor.afterId === null ? {} : { afterId: cursor.afterId }),
  });
  for await (const page of pages) {
    const values = await withParticipants(client, ctx.workspace, repo.slug, page.values);
    listed += values.length;
    countFetched(crawl, "pullRequests", values.length);
    const maxId = values.reduce((max, pr) => Math.max(max, pr.id), cursor.afterId ?? 0);
    commitPage(crawl, () => {
      let pageChanges = 0;
      for (const pr of values)
        pageChanges += store.pullRequests.upsert(toPullRequestRow(repo.uuid, pr, keys, model), run);
      cursor.afterId = maxId;
      store.cursors.set(repo.uuid, resource, cursor);
      return pageChanges;
    });
  }
  if (ctx.full && listed === 0) {
    const held = store.pullRequests.countUpdatedSince(repo.uuid, ctx.windowStart);
    if (held > 0) throw accessLostError(`pull requests for ${ctx.workspace}/${repo.slug}`, held);
  }
  const walkStart = Date.parse(cursor.walkStartedAt ?? ctx.now().toISOString());
  store.cursors.set(repo.uuid, resource, {
    since: new Date(walkStart - overlapMs).toISOString(),
    walkStartedAt: null,
    afterId: null,
  } satisfies PullRequestCursor);
}
/**
 * Participants come with the list only when asked for through `fields=` (api-notes §4). If a server still
 * leaves them out, fetch the pull request itself rather than silently storing none.
 */
async function withParticipants(
  client: BitbucketClient,
  workspace: string,
  slug: string,
  values: PullRequest[],
): Promise<PullRequest[]> {
  const out: PullRequest[] = [];
  for (const pr of values) {
    out.push(pr.participants === undefined ? await client.getPullRequest(workspace, slug, pr.id) : pr);
  }
  return out;
}
