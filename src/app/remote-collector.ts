/**
 * Corvana's view of this collector for `status --remote`: one bounded request that never fails the
 * command. An unreachable Corvana is "offline", a refused token "refused", an unknown collector "unknown".
 */
import type { CollectorCredentials } from "../auth/enroll-collector.ts";
import { createCollectorAdmin } from "../corvana/collector-admin.ts";
import { CorvanaUnavailableError } from "../corvana/corvana-client.ts";
import { CliError } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import { describeNetworkError } from "../net/network-error.ts";
import { version } from "../version.ts";

/** What Corvana says about the collector, or why it could not be asked. */
export type RemoteView =
  | {
      state: "online";
      status: string;
      lastBundleAt: string | null;
      bundles: number | null;
      records: number | null;
    }
  | { state: "offline" | "refused"; reason: string }
  | { state: "unknown" };

/** `status --remote` waits this long at most: a dashboard must answer fast. */
const REMOTE_TIMEOUT_MS = 5_000;

/** Asks Corvana; never throws for network or server trouble. */
export async function readRemoteCollector(
  collector: CollectorCredentials,
  dispatcher: Dispatcher | undefined,
): Promise<RemoteView> {
  const admin = createCollectorAdmin({
    baseUrl: collector.corvanaUrl,
    ingestToken: collector.ingestToken,
    userAgentVersion: version,
    timeoutMs: REMOTE_TIMEOUT_MS,
    ...(dispatcher === undefined ? {} : { dispatcher }),
  });
  try {
    const remote = await admin.getCollector(collector.collectorId);
    if (!remote.found) return { state: "unknown" };
    return {
      state: "online",
      status: remote.status,
      lastBundleAt: remote.lastBundleAt,
      bundles: remote.bundles ?? null,
      records: remote.records ?? null,
    };
  } catch (error) {
    if (error instanceof CorvanaUnavailableError) {
      const reason = error.cause === undefined ? error.message : describeNetworkError(error.cause).reason;
      return { state: "offline", reason };
    }
    if (error instanceof CliError) return { state: "refused", reason: error.message };
    throw error;
  }
}
