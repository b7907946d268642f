/**
 * The sync lock (DESIGN §7): one `sync` at a time per install. A second run exits at once with LockedError
 * (exit code 7, "that run is still going"), so a cron schedule shorter than a slow run never stacks runs.
 * A lock left by a killed run is recovered: its pid is dead on this host, or it is older than any run can
 * last. `disconnect` takes the same lock so it never deletes a cache that a sync is writing.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Config } from "../config/load-config.ts";
import { LockedError } from "../errors.ts";
import { acquireFileLock } from "../lock/file-lock.ts";

/**
 * Past this age a sync lock counts as abandoned even if its pid looks alive (pids are reused). A run is
 * bounded by its request budget (900 requests ≈ one hour at Bitbucket's rate limit), so 12 hours is generous.
 */
export const SYNC_LOCK_STALE_MS = 12 * 60 * 60 * 1000;

/** Who holds the sync lock, if anyone. */
export type SyncLockState = { held: false } | { held: true; pid: number; host: string; since: string };

/** The lock file of an install. */
export function syncLockFile(config: Config): string {
  return path.join(config.paths.locksDir, "sync.lock");
}

/** Runs `fn` holding the sync lock; throws LockedError at once when another live process holds it. */
export async function withSyncLock<T>(config: Config, fn: () => Promise<T>): Promise<T> {
  const file = syncLockFile(config);
  let lock: Awaited<ReturnType<typeof acquireFileLock>>;
  try {
    lock = await acquireFileLock(file, { waitMs: 0, staleMs: SYNC_LOCK_STALE_MS, purpose: "sync" });
  } catch (error) {
    if (!(error instanceof LockedError)) throw error;
    const state = await isSyncLocked(config);
    const who = state.held ? `process ${state.pid} on ${state.host}, since ${state.since}` : "another process";
    throw new LockedError(`Another corvana-bb sync is running (${who}).`, {
      hint: `Nothing to do: that run is still going. If no corvana-bb process is running, remove ${file}.`,
      cause: error,
    });
  }
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/** Reads who holds the lock, without taking it; a lock of a dead process on this host is not held. */
export async function isSyncLocked(config: Config, now: () => number = Date.now): Promise<SyncLockState> {
  let owner: { pid?: unknown; host?: unknown; createdAt?: unknown };
  try {
    owner = JSON.parse(await fs.readFile(syncLockFile(config), "utf8")) as typeof owner;
  } catch {
    // Absent, or being written this very moment: either way no sync can be shown as running.
    return { held: false };
  }
  if (typeof owner.pid !== "number" || typeof owner.createdAt !== "number") return { held: false };
  const host = typeof owner.host === "string" ? owner.host : "an unknown host";
  if (now() - owner.createdAt > SYNC_LOCK_STALE_MS) return { held: false };
  if (host === os.hostname() && !isAlive(owner.pid)) return { held: false };
  return { held: true, pid: owner.pid, host, since: new Date(owner.createdAt).toISOString() };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
