/**
 * The file credential backend, for hosts without a Secret Service: one JSON file, mode 0600 in a 0700
 * directory, replaced atomically (temp file, fsync, rename, fsync of the directory) under a lock so two
 * processes never lose each other's writes. It is never chosen silently: only by flag, env or config.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.ts";
import { acquireFileLock } from "../lock/file-lock.ts";
import type { CredentialStore } from "./credential-store.ts";

const fileSchema = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });

/** The warning shown whenever the file backend is used, so nobody mistakes it for the keychain. */
export function fileStoreWarning(file: string): string {
  return `credentials are in ${file} (mode 0600): less protected than the OS keychain.`;
}

/** Creates the file-backed store at `file` (created on first write). */
export function createFileCredentialStore(file: string): CredentialStore {
  const checkPermissions = process.platform !== "win32";

  async function read(): Promise<Record<string, string>> {
    let text: string;
    try {
      if (checkPermissions) {
        const stat = await fs.stat(file);
        // Like ssh with a private key: refuse a file others can read rather than use it quietly.
        if ((stat.mode & 0o077) !== 0) {
          throw new UsageError(
            `The credentials file ${file} can be read by other users (mode ${(stat.mode & 0o777).toString(8)}).`,
            { hint: `Run \`chmod 600 ${file}\`, then try again.` },
          );
        }
      }
      text = await fs.readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const parsed = fileSchema.safeParse(json);
    if (!parsed.success) {
      throw new UsageError(`The credentials file ${file} is damaged.`, {
        hint: "Delete it and run `corvana-bb login` again.",
      });
    }
    return parsed.data.entries;
  }

  async function update(change: (entries: Record<string, string>) => void): Promise<void> {
    const dir = path.dirname(file);
    await fs.mkdir(dir, { recursive: true, mode: 0o700 });
    const lock = await acquireFileLock(`${file}.lock`, {
      waitMs: 15_000,
      staleMs: 60_000,
      purpose: "credentials file",
    });
    try {
      const entries = await read();
      change(entries);
      await writeAtomically(file, `${JSON.stringify({ version: 1, entries }, null, 2)}\n`);
    } finally {
      await lock.release();
    }
  }

  return {
    backend: "file",
    location: file,
    async get(name) {
      return (await read())[name];
    },
    async set(name, value) {
      await update((entries) => {
        entries[name] = value;
      });
    },
    async delete(name) {
      await update((entries) => {
        delete entries[name];
      });
    },
    async list() {
      return Object.keys(await read());
    },
  };
}

/** Writes `text` so that a reader sees either the old file or the whole new one, never a torn one. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await fs.open(temp, "wx", 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  // The rename is durable only once the directory entry is on disk.
  const dir = await fs.open(path.dirname(file), "r").catch(() => undefined);
  if (dir !== undefined) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}
