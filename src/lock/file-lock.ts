/**
 * A lock file shared by processes on one machine: created with O_EXCL (the one atomic "create if absent"
 * every file system offers), holding the owner's pid, host and a random token. A lock whose owner is gone
 * (dead pid on this host) or that is older than `staleMs` is taken over, so a crashed cron job never
 * blocks the next one forever. Used for token refresh, the file credential store, and `sync`.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { LockedError } from "../errors.ts";

/** A held lock; release it in a `finally`. */
export interface FileLock {
  readonly file: string;
  /** Removes the lock file if it is still ours (a taken-over lock is left to its new owner). */
  release(): Promise<void>;
}

/** How long to wait and when a lock counts as abandoned. */
export interface FileLockOptions {
  /** How long to wait for another holder before giving up with LockedError; 0 fails at once. */
  waitMs?: number;
  /** A lock older than this is abandoned even if its pid seems alive (pids are reused, hosts differ). */
  staleMs?: number;
  /** What the lock protects, for the error message ("token refresh", "sync"). */
  purpose?: string;
  pollMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const HALF_WRITTEN_GRACE_MS = 5_000;

interface Owner {
  pid: number;
  host: string;
  createdAt: number;
  token: string;
}

/** Acquires the lock file `file`, waiting up to `waitMs`; throws LockedError when it stays taken. */
export async function acquireFileLock(file: string, options: FileLockOptions = {}): Promise<FileLock> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const deadline = now() + (options.waitMs ?? 0);
  const staleMs = options.staleMs ?? 10 * 60_000;
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const me: Owner = { pid: process.pid, host: os.hostname(), createdAt: now(), token: randomBytes(12).toString("hex") };

  for (;;) {
    me.createdAt = now();
    if (await tryCreate(file, me)) return { file, release: () => release(file, me.token) };
    const holder = await readOwner(file);
    if (holder === "gone") continue;
    if (await isAbandoned(file, holder, staleMs, now())) {
      await takeOver(file, holder);
      continue;
    }
    if (now() >= deadline) {
      const who = holder === undefined ? "another process" : `process ${holder.pid} on ${holder.host}`;
      throw new LockedError(`The ${options.purpose ?? "lock"} lock ${file} is held by ${who}.`, {
        hint: "Wait for the other corvana-bb process to finish; a crashed one's lock is cleared automatically.",
      });
    }
    await sleep(Math.min(options.pollMs ?? 100, Math.max(1, deadline - now())));
  }
}

async function tryCreate(file: string, me: Owner): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, "wx", 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(me));
  } finally {
    await handle.close();
  }
  return true;
}

/** The holder, `undefined` when the file is unreadable or half-written, "gone" when it vanished. */
async function readOwner(file: string): Promise<Owner | undefined | "gone"> {
  try {
    const text = await fs.readFile(file, "utf8");
    const parsed = JSON.parse(text) as Partial<Owner>;
    if (typeof parsed.pid === "number" && typeof parsed.token === "string" && typeof parsed.createdAt === "number") {
      return { pid: parsed.pid, host: String(parsed.host), createdAt: parsed.createdAt, token: parsed.token };
    }
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "gone";
    return undefined;
  }
}

async function isAbandoned(file: string, holder: Owner | undefined, staleMs: number, now: number): Promise<boolean> {
  if (holder === undefined) {
    // No readable owner: a writer between create and write (give it a moment), or one that crashed there.
    const stat = await fs.stat(file).catch(() => undefined);
    return stat !== undefined && now - stat.mtimeMs > HALF_WRITTEN_GRACE_MS;
  }
  if (now - holder.createdAt > staleMs) return true;
  return holder.host === os.hostname() && !isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the pid exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Moves the abandoned lock aside under a unique name, then checks that what was moved is the lock judged
 * abandoned: if a faster process already replaced it with a live lock, that lock is put back (link fails
 * if yet another one was created meanwhile, which is fine: someone holds it).
 */
async function takeOver(file: string, abandoned: Owner | undefined): Promise<void> {
  const aside = `${file}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await fs.rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (moved !== "gone" && moved?.token !== abandoned?.token) {
    await fs.link(aside, file).catch(() => undefined);
  }
  await fs.rm(aside, { force: true });
}

async function release(file: string, token: string): Promise<void> {
  const holder = await readOwner(file);
  if (holder !== "gone" && holder !== undefined && holder.token === token) await fs.rm(file, { force: true });
}
