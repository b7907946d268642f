/**
 * Pull request activity of one repository, as events.
 *
 * On a repository's first sync (and on --full) the repository-wide feed is read: one stream for every pull
 * request, about four times fewer requests than one per pull request (api-notes.md §5 › Request-budget
 * estimate). It is newest first, so the walk stops below the creation of the oldest stored pull request:
 * older entries belong to pull requests outside the look-back window. Afterwards only pull requests whose
 * updated_on moved since their activity was last read are read again, one feed each — an unchanged
 * workspace costs no activity request at all.
 *
 * Updates are turned into state changes and pushes only once all of a pull request's updates are in hand:
 * in the newest-first feed, that is when the walk has passed the pull request's creation; that pull request
 * is then marked up to date in the same transaction. The client cannot start the feed at a stored position,
 * so an interrupted walk is read again from the top once (repeated entries are no-ops thanks to the unique
 * event key); if that is interrupted too, the pull requests not yet marked are read one by one instead, so
 * a repository whose feed outlasts every run's budget still gets there.
 */
import type { PullRequestActivity } from "../bitbucket/types.ts";
import type { PullRequestEventRow } from "../store/crawl-rows.ts";
import type { PullRequestTimes } from "../store/pr-events.ts";
import { commitPage, countFetched, type RepositoryCrawl } from "./crawl-context.ts";
import { deriveUpdateEvents, toEventRow } from "./to-event-rows.ts";

/** The stored cursor of a repository's activity crawl. */
export interface ActivityCursor {
  /** The repository-wide feed was read to its end once (or replaced); from now on, per pull request. */
  feedDone: boolean;
  /** Walks of the feed started so far; from the third on, the rest is read per pull request. */
  attempts: number;
}

/** Feed walks before the crawl falls back to one feed per remaining pull request. */
const maxFeedAttempts = 2;

const resource = "pr-activity";

/** Brings the events of one repository's pull requests up to date. */
export async function syncActivity(crawl: RepositoryCrawl): Promise<void> {
  const { store } = crawl.ctx;
  const cursor = store.cursors.get<ActivityCursor>(crawl.repo.uuid, resource);
  const attempts = cursor?.attempts ?? 0;
  if (cursor?.feedDone !== true && attempts < maxFeedAttempts) {
    await walkRepositoryFeed(crawl, attempts + 1);
    return;
  }
  for (const pr of store.prEvents.pendingActivity(crawl.repo.uuid)) await walkPullRequestFeed(crawl, pr);
  if (cursor?.feedDone !== true) {
    commitPage(crawl, () => {
      store.cursors.set(crawl.repo.uuid, resource, { feedDone: true, attempts } satisfies ActivityCursor);
      return 0;
    });
  }
}

async function walkRepositoryFeed(crawl: RepositoryCrawl, attempt: number): Promise<void> {
  const { ctx, repo } = crawl;
  const { store } = ctx;
  const prs = new Map(store.prEvents.pullRequestTimes(repo.uuid).map((pr) => [pr.id, pr]));
  const finishWalk = () => {
    store.prEvents.markActivitySynced(repo.uuid);
    store.cursors.set(repo.uuid, resource, { feedDone: true, attempts: attempt } satisfies ActivityCursor);
  };
  if (prs.size === 0) {
    store.transaction(finishWalk);
    return;
  }
  store.transaction(() =>
    store.cursors.set(repo.uuid, resource, { feedDone: false, attempts: attempt } satisfies ActivityCursor),
  );
  const stopBelow = [...prs.values()].reduce((min, pr) => (pr.createdOn < min ? pr.createdOn : min), "\uffff");
  // Updates of pull requests whose creation the walk has not passed yet.
  const updates = new Map<number, PullRequestActivity[]>();
  const touched = new Set<number>();
  for await (const page of ctx.client.listPullRequestActivity(ctx.workspace, repo.slug)) {
    countFetched(crawl, "prActivity", page.values.length);
    let oldest: string | undefined;
    const events: PullRequestEventRow[] = [];
    for (const entry of page.values) {
      if (oldest === undefined || entry.date < oldest) oldest = entry.date;
      if (!prs.has(entry.pullRequestId)) continue;
      touched.add(entry.pullRequestId);
      const event = toEventRow(repo.uuid, entry, ctx.keys);
      if (event !== undefined) events.push(event);
      else {
        const list = updates.get(entry.pullRequestId) ?? [];
        list.push(entry);
        updates.set(entry.pullRequestId, list);
      }
    }
    const last = page.next === undefined || (oldest !== undefined && oldest < stopBelow);
    const complete = [...touched].filter(
      (id) => last || (oldest !== undefined && (prs.get(id)?.createdOn ?? "") > oldest),
    );
    commitPage(crawl, () => {
      let changed = 0;
      for (const event of events) changed += store.prEvents.insert(event, ctx.run);
      for (const id of complete) {
        changed += finishPullRequest(crawl, id, updates.get(id) ?? []);
        store.prEvents.markActivitySynced(repo.uuid, id);
      }
      if (last) finishWalk();
      return changed;
    });
    for (const id of complete) {
      touched.delete(id);
      updates.delete(id);
    }
    if (last) break;
  }
}

async function walkPullRequestFeed(crawl: RepositoryCrawl, pr: PullRequestTimes): Promise<void> {
  const { ctx, repo } = crawl;
  const { store } = ctx;
  const updates: PullRequestActivity[] = [];
  for await (const page of ctx.client.listPullRequestActivityFor(ctx.workspace, repo.slug, pr.id)) {
    countFetched(crawl, "prActivity", page.values.length);
    const events: PullRequestEventRow[] = [];
    for (const entry of page.values) {
      if (entry.pullRequestId !== pr.id) continue;
      const event = toEventRow(repo.uuid, entry, ctx.keys);
      if (event !== undefined) events.push(event);
      else updates.push(entry);
    }
    const last = page.next === undefined;
    commitPage(crawl, () => {
      let changed = 0;
      for (const event of events) changed += store.prEvents.insert(event, ctx.run);
      if (last) {
        changed += finishPullRequest(crawl, pr.id, updates);
        store.prEvents.markActivitySynced(repo.uuid, pr.id);
      }
      return changed;
    });
  }
}

/** Stores the state changes and pushes of a pull request whose updates are all known, then its derived times. */
function finishPullRequest(crawl: RepositoryCrawl, id: number, updates: readonly PullRequestActivity[]): number {
  const { store, run, keys } = crawl.ctx;
  let changed = 0;
  for (const event of deriveUpdateEvents(crawl.repo.uuid, updates, keys)) changed += store.prEvents.insert(event, run);
  return changed + store.prEvents.updateDerived(crawl.repo.uuid, id, run);
}
