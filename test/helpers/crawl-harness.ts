/**
 * The complete crawl in-process against the sandbox Bitbucket with a real SQLite file (the integration
 * layer of STYLE.md), plus a dump of every content table so two caches can be compared row for row.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { createBitbucketClient } from "../../src/bitbucket/client.ts";
import { createHourlyLimiter } from "../../src/bitbucket/hourly-limiter.ts";
import type { CrawlSettings } from "../../src/crawl/crawl-context.ts";
import type { SyncReporter } from "../../src/crawl/progress.ts";
import { type SyncResult, syncWorkspace } from "../../src/crawl/sync-workspace.ts";
import { createPseudonymizer } from "../../src/privacy/pseudonym.ts";
import type { BitbucketSandbox } from "../../src/sandbox/index.ts";
import { openStore } from "../../src/store/store.ts";

/** A fixed install secret: pseudonyms are stable across the runs of one test. */
export const crawlSecret = Buffer.alloc(32, 42);

/** Options of one in-process crawl. */
export interface CrawlOptions {
  requestBudget?: number;
  hourlyBudget?: number;
  full?: boolean;
  concurrency?: number;
  /** Default 3650: the whole generated history (two years) is inside the window. */
  lookbackDays?: number;
  settings?: Partial<CrawlSettings>;
  includeRepositories?: string[];
  excludeRepositories?: string[];
  report?: SyncReporter;
  /** Another API base than the sandbox's (a tampering proxy in front of it). */
  baseUrl?: string;
}

/** Crawls the sandbox's workspace into `dir/cache.sqlite` on the sandbox model's clock. */
export async function crawlOnce(
  sandbox: BitbucketSandbox,
  dir: string,
  options: CrawlOptions = {},
): Promise<SyncResult & { retries: number; throttled: number }> {
  const now = () => new Date(sandbox.model.now);
  const store = openStore(crawlDatabase(dir));
  // As the app does: one rolling hour per credential in the cache; the run may spend what is left of it.
  const limiter =
    options.hourlyBudget === undefined
      ? undefined
      : createHourlyLimiter({
          credential: "test:ws",
          limit: options.hourlyBudget,
          ledger: store.requestLedger,
          now: () => now().getTime(),
        });
  const budgets = [options.requestBudget, limiter?.remaining()].filter((n): n is number => n !== undefined);
  const client = createBitbucketClient({
    baseUrl: options.baseUrl ?? sandbox.url,
    getAccessToken: async () => "sandbox-token",
    userAgentVersion: "test",
    requestBudget: budgets.length === 0 ? undefined : Math.min(...budgets),
    // Real backoff logic with tiny delays: the policy is tested, not the wall clock.
    retry: {
      maxAttempts: 12,
      serverError: { floorMs: 0, baseMs: 1, capMs: 5 },
      throttled: { floorMs: 1, baseMs: 2, capMs: 10 },
    },
  });
  try {
    const result = await syncWorkspace({
      client,
      store,
      keys: createPseudonymizer(crawlSecret),
      workspace: sandbox.model.workspace.slug,
      concurrency: options.concurrency ?? 3,
      now,
      lookbackDays: options.lookbackDays ?? 3650,
      ...(options.full === undefined ? {} : { full: options.full }),
      ...(options.settings === undefined ? {} : { settings: options.settings }),
      ...(options.includeRepositories === undefined ? {} : { includeRepositories: options.includeRepositories }),
      ...(options.excludeRepositories === undefined ? {} : { excludeRepositories: options.excludeRepositories }),
      ...(options.report === undefined ? {} : { report: options.report }),
      ...(limiter === undefined ? {} : { limiter }),
    });
    return { ...result, retries: client.stats.retries, throttled: client.stats.throttled };
  } finally {
    store.close();
    await client.close();
  }
}

/** The cache file inside a test directory. */
export function crawlDatabase(dir: string): string {
  return path.join(dir, "cache.sqlite");
}

/** Every content table of the cache and its primary-key order. */
export const contentTables = {
  repositories: "uuid",
  pull_requests: "repo_uuid, id",
  pr_participants: "repo_uuid, pr_id, person_key",
  pr_events: "repo_uuid, pr_id, kind, occurred_on, actor_key",
  pipelines: "uuid",
  pipeline_steps: "uuid",
  environments: "uuid",
  deployments: "uuid",
  branching_models: "repo_uuid",
  branch_stats: "repo_uuid, category",
  commits: "repo_uuid, hash",
  repository_flags: "repo_uuid",
} as const;

/** Every content row, keyed by table, without `changed_in_run`: "the same content" means equal dumps. */
export function dumpAll(file: string): Record<keyof typeof contentTables, Record<string, unknown>[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out = {} as Record<keyof typeof contentTables, Record<string, unknown>[]>;
    for (const [table, order] of Object.entries(contentTables) as [keyof typeof contentTables, string][]) {
      out[table] = (db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[]).map(
        ({ changed_in_run: _ignored, ...rest }) => rest,
      );
    }
    return out;
  } finally {
    db.close();
  }
}

/** Row counts of every content table. */
export function countAll(file: string): Record<keyof typeof contentTables, number> {
  const dump = dumpAll(file);
  return Object.fromEntries(Object.entries(dump).map(([table, rows]) => [table, rows.length])) as Record<
    keyof typeof contentTables,
    number
  >;
}

/** The rows of a table whose changed_in_run is `run`. */
export function rowsChangedIn(file: string, table: keyof typeof contentTables, run: number): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT * FROM ${table} WHERE changed_in_run = ?`).all(run);
  } finally {
    db.close();
  }
}
