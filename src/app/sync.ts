/**
 * The `sync` use case, composed: credentials → Bitbucket client → crawl into the cache. The CLI calls this
 * one function and renders what it returns.
 */
import { createBitbucketAuth } from "../auth/bitbucket-auth.ts";
import { loadOrCreateInstallSecret } from "../auth/install-secret.ts";
import { openCredentialStore } from "../auth/open-credential-store.ts";
import { createBitbucketClient } from "../bitbucket/client.ts";
import { createHourlyLimiter } from "../bitbucket/hourly-limiter.ts";
import type { Config } from "../config/load-config.ts";
import type { SyncReporter } from "../crawl/progress.ts";
import { type SyncResult, syncWorkspace } from "../crawl/sync-workspace.ts";
import { UsageError } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import { createPseudonymizer } from "../privacy/pseudonym.ts";
import { openStore } from "../store/store.ts";
import { version } from "../version.ts";
import { withSyncLock } from "./sync-lock.ts";
import { type UploadStepDeps, type UploadSummary, uploadAfterSync } from "./upload-after-sync.ts";
import type { UploadEvent } from "./upload-delivery.ts";

/** Options of one sync. */
export interface SyncOptions {
  full?: boolean;
  report?: SyncReporter;
  /** After crawling, upload pending bundles and the new delta (default true; `--no-upload` sets false). */
  upload?: boolean;
  reportUpload?: (event: UploadEvent) => void;
  uploadRetry?: UploadStepDeps["retry"];
  /** The HTTP dispatcher of src/net (proxy settings) for Bitbucket, the OAuth refresh and Corvana. */
  dispatcher?: Dispatcher;
}

/** A sync's crawl result and what its upload step did (`skipped` with --no-upload). */
export type SyncRunResult = SyncResult & { upload: UploadSummary | { status: "skipped" } };

/**
 * Crawls the configured workspace into the cache, then uploads, and returns what was done. One sync at a time:
 * the whole run, upload included, holds the sync lock; a second one exits at once (exit code 7).
 */
export async function runSync(config: Config, options: SyncOptions = {}): Promise<SyncRunResult> {
  const workspace = requireWorkspace(config);
  return withSyncLock(config, () => runSyncLocked(config, workspace, options));
}

async function runSyncLocked(config: Config, workspace: string, options: SyncOptions): Promise<SyncRunResult> {
  const dispatcher = options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher };
  const credentials = await openCredentialStore(config);
  const auth = await createBitbucketAuth({ config, store: credentials, ...dispatcher });
  // Under a lock: two first runs at once must not create two different secrets (pseudonyms would split).
  const keys = createPseudonymizer(await loadOrCreateInstallSecret(credentials, { locksDir: config.paths.locksDir }));
  const store = openStore(config.paths.databaseFile);
  let closeClient = async () => {};
  try {
    // One rolling-hour budget per credential, shared by every run through the cache (api-notes §2); this run
    // may spend what is left of it, and no more than its own cap.
    const limiter = createHourlyLimiter({
      credential: `${auth.describe().kind}:${workspace}`,
      limit: config.hourlyRequestBudget,
      ledger: store.requestLedger,
      now: Date.now,
    });
    const client = createBitbucketClient({
      baseUrl: config.bitbucketApiUrl,
      getAccessToken: () => auth.getAccessToken(),
      getAuthorizationHeader: () => auth.getAuthorizationHeader(),
      onUnauthorized: () => auth.onUnauthorized(),
      userAgentVersion: version,
      requestBudget: Math.min(config.requestBudget, limiter.remaining()),
      ...dispatcher,
    });
    closeClient = () => client.close();
    const crawled = await syncWorkspace({
      client,
      store,
      keys,
      workspace,
      concurrency: config.concurrency,
      lookbackDays: config.lookbackDays,
      includeRepositories: config.includeRepositories,
      excludeRepositories: config.excludeRepositories,
      settings: {
        steps: config.steps,
        maxStepRequestsPerRun: config.maxStepRequestsPerRun,
        staleBranchDays: config.staleBranchDays,
      },
      limiter,
      ...(options.full === undefined ? {} : { full: options.full }),
      ...(options.report === undefined ? {} : { report: options.report }),
    });
    // Upload only after a crawl that finished: a failed or partial run's rows go out with the next good one.
    const upload =
      options.upload === false
        ? ({ status: "skipped" } as const)
        : await uploadAfterSync(config, {
            credentials,
            store,
            workspace,
            ...(options.reportUpload === undefined ? {} : { report: options.reportUpload }),
            ...(options.uploadRetry === undefined ? {} : { retry: options.uploadRetry }),
            ...dispatcher,
          });
    return { ...crawled, upload };
  } finally {
    store.close();
    await closeClient();
  }
}

/** The workspace to work on, or a usage error saying how to choose one. */
export function requireWorkspace(config: Config): string {
  if (config.workspace !== undefined) return config.workspace;
  throw new UsageError("No workspace is configured.", {
    hint: 'Pass --workspace <slug>, set CORVANA_BB_WORKSPACE, or add "workspace" to config.json.',
  });
}
