/**
 * The local half of `disconnect --purge`: removes every file and directory the tool creates (paths.ts is
 * the list) — the SQLite cache with its WAL/SHM, pending bundles, logs, locks, the credentials file and
 * config.json — and nothing else. The directory holding the receipt is kept with the receipt in it; files
 * the tool did not create there (with CORVANA_BB_HOME pointing at a shared directory) are left and named.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { Paths } from "../config/paths.ts";
import type { RemovedPath } from "./deletion-receipt.ts";

/** What the purge removed and what it left. */
export interface PurgeOutcome {
  removed: RemovedPath[];
  /** Files in the receipt's directory that corvana-bb did not create: left in place. */
  leftInPlace: string[];
}

/** Every path a purge removes, whether or not it exists now (for the confirmation prompt and tests). */
export function purgeTargets(paths: Paths): string[] {
  const db = paths.databaseFile;
  const candidates = [
    paths.dataDir,
    paths.logsDir,
    paths.bundlesDir,
    paths.locksDir,
    paths.credentialsFile,
    `${paths.credentialsFile}.lock`,
    db,
    `${db}-wal`,
    `${db}-shm`,
    `${db}-journal`,
    paths.configFile,
  ];
  // A directory that holds the receipt (the config directory, or CORVANA_BB_HOME) is never removed whole.
  const kept = new Set([paths.configDir, ...(paths.home === undefined ? [] : [paths.home])]);
  const unique = [...new Set(candidates)].filter((p) => !kept.has(p) && !isBelow(paths.configDir, p));
  // Drop paths inside another target: removing the parent removes them.
  return unique.filter((p) => !unique.some((other) => isBelow(p, other)));
}

/** Removes the targets that exist, then the tool's leftovers in the receipt's directory. */
export async function purgeLocalFiles(paths: Paths, receipt: string): Promise<PurgeOutcome> {
  const removed: RemovedPath[] = [];
  for (const target of purgeTargets(paths)) {
    const stat = await fs.lstat(target).catch(() => undefined);
    if (stat === undefined) continue;
    const files = stat.isDirectory() ? await countFiles(target) : 1;
    await fs.rm(target, { recursive: true, force: true });
    removed.push({ path: target, kind: stat.isDirectory() ? "directory" : "file", files });
  }
  const leftInPlace: string[] = [];
  const configName = path.basename(paths.configFile);
  const receiptName = path.basename(receipt);
  for (const name of await fs.readdir(paths.configDir).catch(() => [] as string[])) {
    const full = path.join(paths.configDir, name);
    // Temp files of an interrupted config or receipt write are ours too.
    if (name.startsWith(`${configName}.`) || (name.startsWith(`${receiptName}.`) && name.endsWith(".tmp"))) {
      await fs.rm(full, { force: true });
      removed.push({ path: full, kind: "file", files: 1 });
    } else if (full !== receipt) {
      leftInPlace.push(full);
    }
  }
  return { removed, leftInPlace };
}

/** True when `inner` lies strictly below `outer`. */
function isBelow(inner: string, outer: string): boolean {
  const relative = path.relative(outer, inner);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    count += entry.isDirectory() ? await countFiles(path.join(dir, entry.name)) : 1;
  }
  return count;
}
