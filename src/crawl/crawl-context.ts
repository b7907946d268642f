/**
 * What every resource crawl of one repository shares: the client, the store, the pseudonymizer, the run,
 * the clock, the scope settings and the run-wide tally (counts for progress, the step-request allowance).
 */
import type { BitbucketClient } from "../bitbucket/client.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { Store } from "../store/store.ts";

/** A repository as the crawl holds it in memory (its main branch name never reaches the store). */
export interface CrawlRepository {
  uuid: string;
  slug: string;
  mainBranch: string | null;
  updatedOn: string;
}

/** Which pipelines' steps to read: none, those of pipelines that start after steps were turned on, or all. */
export type StepsMode = "off" | "new" | "all";

/** Settings of the crawl that come from the configuration. */
export interface CrawlSettings {
  steps: StepsMode;
  /** Step requests one run may spend (one per pipeline at least). */
  maxStepRequestsPerRun: number;
  /** A branch whose last commit is older than this many days is stale. */
  staleBranchDays: number;
}

/** Values fetched per resource (records received, before deduplication). */
export interface ResourceCounts {
  repositories: number;
  pullRequests: number;
  prActivity: number;
  pipelines: number;
  pipelineSteps: number;
  environments: number;
  deployments: number;
  branches: number;
  commits: number;
}

/** Zero counts. */
export function emptyCounts(): ResourceCounts {
  return {
    repositories: 0,
    pullRequests: 0,
    prActivity: 0,
    pipelines: 0,
    pipelineSteps: 0,
    environments: 0,
    deployments: 0,
    branches: 0,
    commits: 0,
  };
}

/** Run-wide counters shared by every repository's crawl (JavaScript is single-threaded: no locking). */
export interface CrawlTally {
  fetched: ResourceCounts;
  /** Step requests this run may still send. */
  stepRequestsLeft: number;
  /** Called after every committed page: progress and the request ledger. */
  pageCommitted(): void;
}

/** Everything one repository's crawl needs. */
export interface CrawlContext {
  client: BitbucketClient;
  store: Store;
  keys: Pseudonymizer;
  run: number;
  now: () => Date;
  workspace: string;
  /** `sync --full`: re-crawl everything and recheck what was found missing. */
  full: boolean;
  /** The start of the look-back window (ISO), or null when the crawl is not bounded. */
  windowStart: string | null;
  settings: CrawlSettings;
  tally: CrawlTally;
}

/** The crawl of one repository: its context, and what it fetched and changed so far. */
export interface RepositoryCrawl {
  ctx: CrawlContext;
  repo: CrawlRepository;
  fetched: ResourceCounts;
  /** Stored rows this repository's crawl changed. */
  changed: number;
}

/** Counts `n` fetched values of a resource, for the repository and for the run. */
export function countFetched(crawl: RepositoryCrawl, resource: keyof ResourceCounts, n: number): void {
  crawl.fetched[resource] += n;
  crawl.ctx.tally.fetched[resource] += n;
}

/**
 * Commits one page: `write` runs in one transaction (rows and cursor together, DESIGN §4) and returns the
 * number of rows it changed; then progress is reported.
 */
export function commitPage(crawl: RepositoryCrawl, write: () => number): number {
  const changed = crawl.ctx.store.transaction(write);
  crawl.changed += changed;
  crawl.ctx.tally.pageCommitted();
  return changed;
}
