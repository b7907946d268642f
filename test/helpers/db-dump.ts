/**
 * Reads the cache's content tables into plain sorted rows, without the bookkeeping columns, so two
 * databases can be compared for "exactly the same content" (resume and idempotence tests).
 */
import Database from "better-sqlite3";

const tables = {
  repositories: "uuid",
  pull_requests: "repo_uuid, id",
  pr_participants: "repo_uuid, pr_id, person_key",
} as const;

/** Every content row of the cache, keyed by table, with `changed_in_run` left out. */
export function dumpContent(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const [table, order] of Object.entries(tables)) {
      out[table] = (db.prepare(`SELECT * FROM ${table} ORDER BY ${order}`).all() as Record<string, unknown>[]).map(
        ({ changed_in_run: _ignored, ...rest }) => rest,
      );
    }
    return out;
  } finally {
    db.close();
  }
}

/** The raw bytes of the database and its WAL/SHM files, for scanning for leaked strings. */
export function databaseBytes(file: string, fs: typeof import("node:fs")): Buffer {
  const parts = [file, `${file}-wal`, `${file}-shm`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
  return Buffer.concat(parts);
}
