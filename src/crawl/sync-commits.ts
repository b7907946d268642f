/**
 * Repository activity: the commits of the main branch within the look-back window (hash, date, author key,
 * merge or not; never the message or the author string). `/commits/{branch}` is newest first in
 * topological order with iterator pagination (api-notes.md §3, §5): a walk stops at the head stored by the
 * last completed walk, or at the first page with no commit inside the window (a whole page, because
 * topological order mixes dates when long-lived branches are merged). Refreshed only when the
 * repository's updated_on moved, and on --full.
 */
import { ResourceUnavailableError } from "../bitbucket/resource-unavailable.ts";
import { commitPage, countFetched, type RepositoryCrawl } from "./crawl-context.ts";
import { toCommitRow } from "./to-branch-rows.ts";

/** The stored cursor of a repository's commit walk. */
export interface CommitCursor {
  /** The repository's updated_on when the last walk completed. */
  repoUpdatedOn: string;
  /** The main branch's head then; the next walk stops when it reaches it. */
  head: string | null;
}

const resource = "commits";

/** Reads the new main-branch commits of a repository when it moved. */
export async function syncCommits(crawl: RepositoryCrawl): Promise<void> {
  const { ctx, repo } = crawl;
  const { store } = ctx;
  const cursor = store.cursors.get<CommitCursor>(repo.uuid, resource);
  if (cursor !== undefined && cursor.repoUpdatedOn === repo.updatedOn && !ctx.full) return;
  const known = ctx.full ? null : (cursor?.head ?? null);
  const finish = (head: string | null) =>
    store.cursors.set(repo.uuid, resource, { repoUpdatedOn: repo.updatedOn, head } satisfies CommitCursor);
  if (repo.mainBranch === null) {
    commitPage(crawl, () => {
      finish(null);
      return 0;
    });
    return;
  }
  let head: string | null = null;
  try {
    for await (const page of ctx.client.listCommits(ctx.workspace, repo.slug, repo.mainBranch)) {
      countFetched(crawl, "commits", page.values.length);
      head ??= page.values[0]?.hash ?? null;
      const keep = page.values.filter((c) => ctx.windowStart === null || c.date >= ctx.windowStart);
      const reachedKnown = known !== null && page.values.some((c) => c.hash === known);
      const pastWindow = page.values.length > 0 && keep.length === 0;
      const last = page.next === undefined || reachedKnown || pastWindow;
      commitPage(crawl, () => {
        let changed = 0;
        for (const commit of keep) changed += store.commits.upsert(toCommitRow(repo, commit, ctx.keys), ctx.run);
        if (last) finish(head);
        return changed;
      });
      if (last) break;
    }
  } catch (error) {
    // An empty repository has no branch to list; try again when it moves.
    if (!(error instanceof ResourceUnavailableError)) throw error;
    commitPage(crawl, () => {
      finish(cursor?.head ?? null);
      return 0;
    });
  }
}
