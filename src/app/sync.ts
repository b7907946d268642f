/**
 * The `sync` use case, composed: credentials → Bitbucket client → crawl into the cache. The CLI calls this
 * one function and renders what it returns.
 */
import { createBitbucketAuth } from "../auth/bitbucket-auth.ts";
import { loadOrCreateInstallSecret } from "../auth/install-secret.ts";
import { openCredentialStore } from "../auth/open-credential-store.ts";
import { createBitbucketClient } from "../bitbucket/client.ts";
import type { Config } from "../config/load-config.ts";
import type { SyncReporter } from "../crawl/progress.ts";
import { type SyncResult, syncWorkspace } from "../crawl/sync-workspace.ts";
import { UsageError } from "../errors.ts";
import { createPseudonymizer } from "../privacy/pseudonym.ts";
import { openStore } from "../store/store.ts";
import { version } from "../version.ts";

/** Options of one sync. */
export interface SyncOptions {
  full?: boolean;
  report?: SyncReporter;
}

/** Crawls the configured workspace into the cache and returns what was done. */
export async function runSync(config: Config, options: SyncOptions = {}): Promise<SyncResult> {
  const workspace = requireWorkspace(config);
  const credentials = await openCredentialStore(config);
  const auth = await createBitbucketAuth({ config, store: credentials });
  // Under a lock: two first runs at once must not create two different secrets (pseudonyms would split).
  const keys = createPseudonymizer(await loadOrCreateInstallSecret(credentials, { locksDir: config.paths.locksDir }));
  const client = createBitbucketClient({
    baseUrl: config.bitbucketApiUrl,
    getAccessToken: () => auth.getAccessToken(),
    getAuthorizationHeader: () => auth.getAuthorizationHeader(),
    onUnauthorized: () => auth.onUnauthorized(),
    userAgentVersion: version,
    requestBudget: config.requestBudget,
  });
  const store = openStore(config.paths.databaseFile);
  try {
    return await syncWorkspace({
      client,
      store,
      keys,
      workspace,
      concurrency: config.concurrency,
      ...(options.full === undefined ? {} : { full: options.full }),
      ...(options.report === undefined ? {} : { report: options.report }),
    });
  } finally {
    store.close();
  }
}

/** The workspace to work on, or a usage error saying how to choose one. */
export function requireWorkspace(config: Config): string {
  if (config.workspace !== undefined) return config.workspace;
  throw new UsageError("No workspace is configured.", {
    hint: 'Pass --workspace <slug>, set CORVANA_BB_WORKSPACE, or add "workspace" to config.json.',
  });
}
