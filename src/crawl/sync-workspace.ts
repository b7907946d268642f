/**
 * `sync` as a use case: lists the workspace's repositories, then crawls each repository's pull requests,
 * recording the run in `sync_runs`. Everything it needs is injected (client, store, pseudonymizer, clock).
 */
import type { BitbucketClient } from "../bitbucket/client.ts";
import { CliError, ExitCode } from "../errors.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { SyncOutcome } from "../store/rows.ts";
import type { Store } from "../store/store.ts";
import { forEachConcurrently } from "./pool.ts";
import type { SyncReporter } from "./progress.ts";
import { syncPullRequests } from "./sync-pull-requests.ts";
import { toRepositoryRow } from "./to-rows.ts";

/** What a sync needs. */
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
}

/** What a finished sync did. */
export interface SyncResult {
  runId: number;
  workspace: string;
  repositories: number;
  recordsChanged: number;
  requests: number;
  durationMs: number;
  outcome: SyncOutcome;
}

/** Runs one sync of a workspace; on an expected failure the run is recorded and the error rethrown. */
export async function syncWorkspace(deps: SyncDeps): Promise<SyncResult> {
  const { client, store, keys, workspace } = deps;
  const now = deps.now ?? (() => new Date());
  const report = deps.report ?? (() => {});
  const started = now();
  store.runs.markInterrupted();
  const runId = store.runs.start(workspace, started.toISOString());
  let records = 0;
  let repositories = 0;
  const finish = (outcome: SyncOutcome, exitCode: number, message?: string): SyncResult => {
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
    return {
      runId,
      workspace,
      repositories,
      recordsChanged: records,
      requests,
      durationMs: ended.getTime() - started.getTime(),
      outcome,
    };
  };

  try {
    const repos: { uuid: string; slug: string }[] = [];
    for await (const page of client.listRepositories(workspace)) {
      records += store.transaction(() => {
        let changes = 0;
        for (const repo of page.values) {
          const row = toRepositoryRow(workspace, repo);
          changes += store.repositories.upsert(row, runId);
          if (deps.full) store.cursors.clear(repo.uuid);
          repos.push({ uuid: row.uuid, slug: row.slug });
        }
        return changes;
      });
    }
    repositories = repos.length;
    report({ type: "repositories", count: repos.length });

    let done = 0;
    await forEachConcurrently(repos, deps.concurrency, async (repo) => {
      const changed = await syncPullRequests({ client, store, keys, run: runId, now }, workspace, repo);
      records += changed;
      done += 1;
      store.runs.progress(runId, client.stats.requests, records);
      report({ type: "repository-done", slug: repo.slug, pullRequests: changed, done, total: repos.length });
    });
    return finish("success", ExitCode.ok);
  } catch (error) {
    const exitCode = error instanceof CliError ? error.exitCode : ExitCode.bug;
    const outcome: SyncOutcome = exitCode === ExitCode.partial ? "partial" : "failed";
    finish(outcome, exitCode, error instanceof Error ? error.message : String(error));
    throw error;
  }
}
