/**
 * `sync` as a use case: lists the workspace's repositories, keeps those in scope, then crawls each one's
 * resources (sync-repository.ts) a few repositories at a time, recording the run in `sync_runs` and the
 * requests in the hourly ledger. Everything it needs is injected (client, store, pseudonymizer, clock).
 */
import type { BitbucketClient } from "../bitbucket/client.ts";
import type { HourlyLimiter } from "../bitbucket/hourly-limiter.ts";
import { CliError, ExitCode, PartialProgressError } from "../errors.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { SyncOutcome } from "../store/rows.ts";
import type { Store } from "../store/store.ts";
import { type CrawlContext, type CrawlSettings, emptyCounts, type ResourceCounts } from "./crawl-context.ts";
import { listRepositories } from "./list-repositories.ts";
import { forEachConcurrently } from "./pool.ts";
import type { SyncReporter } from "./progress.ts";
import { crawlOrder } from "./repository-order.ts";
import { syncRepository } from "./sync-repository.ts";

/** What a sync needs; the scope settings default to "everything, no window, no steps". */
export interface SyncDeps {
  client: BitbucketClient;
  store: Store;
  keys: Pseudonymizer;
  workspace: string;
  concurrency: number;
  now?: () => Date;
  report?: SyncReporter;
  /** Forget cursors and crawl everything again. */
  full?: boolean;
  /** Days before the first sync that it reaches back (undefined: no bound). */
  lookbackDays?: number;
  includeRepositories?: readonly string[];
  excludeRepositories?: readonly string[];
  settings?: Partial<CrawlSettings>;
  /** The credential's hourly budget: requests are recorded in it, and a stop it caused is explained. */
  limiter?: HourlyLimiter;
}

/** What a finished sync did. */
export interface SyncResult {
  runId: number;
  workspace: string;
  repositories: number;
  recordsChanged: number;
  /** Values received per resource. */
  fetched: ResourceCounts;
  /** Repositories found without Pipelines (403/404). */
  withoutPipelines: number;
  requests: number;
  durationMs: number;
  outcome: SyncOutcome;
}

const dayMs = 24 * 60 * 60 * 1000;

/** The crawl settings when none are configured. */
export const defaultCrawlSettings: CrawlSettings = { steps: "off", maxStepRequestsPerRun: 200, staleBranchDays: 90 };

/** Runs one sync of a workspace; on an expected failure the run is recorded and the error rethrown. */
export async function syncWorkspace(deps: SyncDeps): Promise<SyncResult> {
  const { client, store, keys, workspace } = deps;
  const now = deps.now ?? (() => new Date());
  const report = deps.report ?? (() => {});
  const settings = { ...defaultCrawlSettings, ...deps.settings };
  const started = now();
  store.runs.markInterrupted();
  const runId = store.runs.start(workspace, started.toISOString());
  const fetched = emptyCounts();
  let records = 0;
  let repositories = 0;
  let done = 0;
  let withoutPipelines = 0;
  let recorded = 0;
  const recordRequests = () => {
    const sent = client.stats.requests;
    deps.limiter?.record(sent - recorded);
    recorded = sent;
  };
  const finish = (outcome: SyncOutcome, exitCode: number, message?: string): SyncResult => {
    recordRequests();
    const ended = now();
    const requests = client.stats.requests;
    store.runs.finish(runId, {
      at: ended.toISOString(),
      requests,
      records,
      outcome,
      exitCode,
      ...(message === undefined ? {} : { message }),
    });
    const durationMs = ended.getTime() - started.getTime();
    return {
      runId,
      workspace,
      repositories,
      recordsChanged: records,
      fetched,
      withoutPipelines,
      requests,
      durationMs,
      outcome,
    };
  };
  const ctx: CrawlContext = {
    client,
    store,
    keys,
    run: runId,
    now,
    workspace,
    full: deps.full === true,
    windowStart:
      deps.lookbackDays === undefined ? null : new Date(started.getTime() - deps.lookbackDays * dayMs).toISOString(),
    settings,
    tally: {
      fetched,
      stepRequestsLeft: settings.maxStepRequestsPerRun,
      pageCommitted: () => {
        recordRequests();
        report({
          type: "progress",
          fetched: { ...fetched },
          requests: client.stats.requests,
          done,
          total: repositories,
        });
      },
    },
  };

  try {
    const listed = await listRepositories(ctx, deps, (changes) => {
      records += changes;
    });
    const repos = crawlOrder(store, listed);
    repositories = repos.length;

    await forEachConcurrently(repos, deps.concurrency, async (repo) => {
      const outcome = await syncRepository(ctx, repo);
      records += outcome.changed;
      done += 1;
      if (!outcome.pipelines) {
        withoutPipelines += 1;
        report({ type: "pipelines-unavailable", slug: repo.slug });
      }
      recordRequests();
      store.runs.progress(runId, client.stats.requests, records);
      report({
        type: "repository-done",
        slug: repo.slug,
        fetched: outcome.fetched,
        changed: outcome.changed,
        done,
        total: repos.length,
      });
    });
    return finish("success", ExitCode.ok);
  } catch (caught) {
    recordRequests();
    const error = explainBudgetStop(caught, deps.limiter);
    const exitCode = error instanceof CliError ? error.exitCode : ExitCode.bug;
    const outcome: SyncOutcome = exitCode === ExitCode.partial ? "partial" : "failed";
    finish(outcome, exitCode, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** A stop because the hourly budget ran out says so, rather than blaming the run's own cap. */
function explainBudgetStop(error: unknown, limiter: HourlyLimiter | undefined): unknown {
  if (!(error instanceof PartialProgressError) || limiter === undefined || limiter.remaining() > 0) return error;
  return new PartialProgressError(
    `Stopped: the hourly request budget of ${limiter.limit} requests for this credential is spent (${limiter.usedLastHour()} in the last hour, shared by every run).`,
    {
      hint: "Progress is saved; the next run continues from here once requests from an hour ago have aged out. Raise hourlyRequestBudget in config.json only if Bitbucket grants this token more than 1,000 requests an hour.",
      cause: error,
    },
  );
}
