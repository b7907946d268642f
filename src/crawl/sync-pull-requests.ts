/**
 * Crawls one repository's pull requests incrementally and resumably.
 *
 * Listing sorts by the immutable `id` and filters `updated_on > since` (BBQL, api-notes §4). Sorting by a
 * mutable field while paging lets rows jump across pages and be skipped (api-notes §3, backstage#26854);
 * with an immutable sort key a row updated mid-walk is at worst read twice, and upserts make that harmless.
 * Every page commits together with its cursor. A killed walk resumes with `id > afterId` from the same
 * `since`; a finished walk moves `since` to its own start time minus an overlap for clock skew.
 */
import type { BitbucketClient } from "../bitbucket/client.ts";
import type { PullRequest } from "../bitbucket/types.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { Store } from "../store/store.ts";
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

/** Dependencies of one repository's pull-request crawl. */
export interface PullRequestSyncDeps {
  client: BitbucketClient;
  store: Store;
  keys: Pseudonymizer;
  run: number;
  now: () => Date;
}

/** Crawls the pull requests of one repository; returns the number of stored rows that changed. */
export async function syncPullRequests(
  deps: PullRequestSyncDeps,
  workspace: string,
  repo: { uuid: string; slug: string },
): Promise<number> {
  const { client, store, keys, run } = deps;
  const saved = store.cursors.get<PullRequestCursor>(repo.uuid, resource);
  const cursor: PullRequestCursor =
    saved?.walkStartedAt != null
      ? saved
      : { since: saved?.since ?? null, walkStartedAt: deps.now().toISOString(), afterId: null };
  let changed = 0;
  const pages = client.listPullRequests(workspace, repo.slug, {
    ...(cursor.since === null ? {} : { updatedAfter: cursor.since }),
    ...(cursor.afterId === null ? {} : { afterId: cursor.afterId }),
  });
  for await (const page of pages) {
    const values = await withParticipants(client, workspace, repo.slug, page.values);
    const maxId = values.reduce((max, pr) => Math.max(max, pr.id), cursor.afterId ?? 0);
    changed += store.transaction(() => {
      let pageChanges = 0;
      for (const pr of values) pageChanges += store.pullRequests.upsert(toPullRequestRow(repo.uuid, pr, keys), run);
      cursor.afterId = maxId;
      store.cursors.set(repo.uuid, resource, cursor);
      return pageChanges;
    });
  }
  const walkStart = Date.parse(cursor.walkStartedAt ?? deps.now().toISOString());
  store.cursors.set(repo.uuid, resource, {
    since: new Date(walkStart - overlapMs).toISOString(),
    walkStartedAt: null,
    afterId: null,
  } satisfies PullRequestCursor);
  return changed;
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
