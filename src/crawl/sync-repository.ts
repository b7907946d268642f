/**
 * The crawl of one repository, resource by resource, each with its own cursor: pull requests first (their
 * walk tells which pull requests' activity is stale), then activity, pipelines (and, if enabled, steps),
 * deployments when pipelines changed, the branch snapshot, and main-branch commits.
 */
import { type CrawlContext, type CrawlRepository, emptyCounts, type RepositoryCrawl } from "./crawl-context.ts";
import { syncActivity } from "./sync-activity.ts";
import { syncBranches } from "./sync-branches.ts";
import { syncCommits } from "./sync-commits.ts";
import { syncDeployments } from "./sync-deployments.ts";
import { syncPipelines } from "./sync-pipelines.ts";
import { syncPullRequests } from "./sync-pull-requests.ts";
import { syncSteps } from "./sync-steps.ts";

/** What the crawl of one repository did. */
export type RepositoryOutcome = Pick<RepositoryCrawl, "fetched" | "changed"> & {
  /** False when the repository has no Pipelines (403/404; checked again after a week or on --full). */
  pipelines: boolean;
};

/** Crawls every resource of one repository. */
export async function syncRepository(ctx: CrawlContext, repo: CrawlRepository): Promise<RepositoryOutcome> {
  const crawl: RepositoryCrawl = { ctx, repo, fetched: emptyCounts(), changed: 0 };
  await syncPullRequests(crawl);
  await syncActivity(crawl);
  const pipelines = await syncPipelines(crawl);
  if (pipelines) {
    await syncSteps(crawl);
    await syncDeployments(crawl);
  }
  await syncBranches(crawl);
  await syncCommits(crawl);
  return { fetched: crawl.fetched, changed: crawl.changed, pipelines };
}
