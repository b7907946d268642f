/**
 * The order in which a run crawls repositories. A first sync of a large workspace spans many runs (the
 * hourly budget stops each one), and every run would otherwise spend its budget re-checking the
 * repositories already done before it reaches the ones left: walks a previous run left unfinished go first,
 * then repositories never crawled, then the refresh of the rest, each group in listing order.
 */
import type { Store } from "../store/store.ts";
import type { CrawlRepository } from "./crawl-context.ts";
import type { ActivityCursor } from "./sync-activity.ts";
import type { PipelineCursor } from "./sync-pipelines.ts";
import type { PullRequestCursor } from "./sync-pull-requests.ts";

/** The repositories in crawl order (a stable sort: the listing order within each group). */
export function crawlOrder(store: Store, repos: readonly CrawlRepository[]): CrawlRepository[] {
  const rank = (repo: CrawlRepository): number => {
    const pullRequests = store.cursors.get<PullRequestCursor>(repo.uuid, "pullrequests");
    const activity = store.cursors.get<ActivityCursor>(repo.uuid, "pr-activity");
    const pipelines = store.cursors.get<PipelineCursor>(repo.uuid, "pipelines");
    const unfinished =
      pullRequests?.walkStartedAt != null || activity?.feedDone === false || pipelines?.walkNewest != null;
    if (unfinished) return 0;
    return pullRequests === undefined ? 1 : 2;
  };
  return repos
    .map((repo, index) => ({ repo, index, rank: rank(repo) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ repo }) => repo);
}
