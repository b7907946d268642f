/**
 * Runs the crawl in-process against a sandbox Bitbucket on loopback with a real SQLite file: the
 * integration layer of STYLE.md (real undici, real SQLite, real loopback server, nothing faked).
 */
import path from "node:path";
import { createBitbucketClient } from "../../src/bitbucket/client.ts";
import { type SyncResult, syncWorkspace } from "../../src/crawl/sync-workspace.ts";
import { createPseudonymizer } from "../../src/privacy/pseudonym.ts";
import type { BitbucketSandbox } from "../../src/sandbox/index.ts";
import { openStore } from "../../src/store/store.ts";

/** A fixed install secret: pseudonyms are stable across the runs of one test. */
export const testSecret = Buffer.alloc(32, 42);

/** Options of one in-process sync. */
export interface HarnessSyncOptions {
  requestBudget?: number;
  full?: boolean;
  concurrency?: number;
}

/** Syncs the sandbox's workspace into `dir/cache.sqlite` and returns the result and the client's stats. */
export async function syncOnce(
  sandbox: BitbucketSandbox,
  dir: string,
  options: HarnessSyncOptions = {},
): Promise<SyncResult & { retries: number; throttled: number }> {
  const client = createBitbucketClient({
    baseUrl: sandbox.url,
    getAccessToken: async () => "sandbox-token",
    userAgentVersion: "test",
    requestBudget: options.requestBudget,
    // Real backoff logic with tiny delays: the policy is tested, not the wall clock.
    retry: {
      maxAttempts: 12,
      serverError: { floorMs: 0, baseMs: 1, capMs: 5 },
      throttled: { floorMs: 1, baseMs: 2, capMs: 10 },
    },
  });
  const store = openStore(databaseFile(dir));
  try {
    const result = await syncWorkspace({
      client,
      store,
      keys: createPseudonymizer(testSecret),
      workspace: sandbox.model.workspace.slug,
      concurrency: options.concurrency ?? 3,
      ...(options.full === undefined ? {} : { full: options.full }),
    });
    return { ...result, retries: client.stats.retries, throttled: client.stats.throttled };
  } finally {
    store.close();
    await client.close();
  }
}

/** The cache file inside a test directory. */
export function databaseFile(dir: string): string {
  return path.join(dir, "cache.sqlite");
}
