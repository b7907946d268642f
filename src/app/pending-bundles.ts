/**
 * Pending bundles, as `status` shows them: the files waiting in the bundles directory for Corvana to
 * accept them. Read from the directory alone (no store, no network), so it also works when the bundle
 * bookkeeping is elsewhere. Files being written (`*.tmp`, `*.part`, dot-files) are not counted.
 */
import fs from "node:fs/promises";
import path from "node:path";

/** What is waiting for upload. */
export interface PendingBundles {
  directory: string;
  count: number;
  /** Modification time of the oldest pending file (ISO), null when none. */
  oldest: string | null;
}

/** Counts the pending bundle files in `directory` (an absent directory holds none). */
export async function readPendingBundles(directory: string): Promise<PendingBundles> {
  let names: string[];
  try {
    names = await fs.readdir(directory);
  } catch {
    return { directory, count: 0, oldest: null };
  }
  let count = 0;
  let oldest: number | undefined;
  for (const name of names) {
    if (name.startsWith(".") || /\.(tmp|part)$/.test(name)) continue;
    const stat = await fs.stat(path.join(directory, name)).catch(() => undefined);
    if (stat === undefined || !stat.isFile()) continue;
    count += 1;
    oldest = oldest === undefined ? stat.mtimeMs : Math.min(oldest, stat.mtimeMs);
  }
  return { directory, count, oldest: oldest === undefined ? null : new Date(oldest).toISOString() };
}
