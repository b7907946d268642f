/**
 * Opens the SQLite cache: private file modes, WAL, foreign keys, and migrations by user_version.
 * This folder is the only place that imports better-sqlite3 (STYLE.md).
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { CliError, ExitCode } from "../errors.ts";
import { migrations } from "./migrations.ts";

/** An open database handle (better-sqlite3's type, kept inside src/store/). */
export type Db = Database.Database;

/** Opens (creating if needed) the database file with 0700/0600 modes and an up-to-date schema. */
export function openDatabase(file: string): Db {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  // Create the file ourselves so it never exists with a wider mode; SQLite gives -wal and -shm the same mode.
  fs.closeSync(fs.openSync(file, "a", 0o600));
  fs.chmodSync(file, 0o600);
  const db = new Database(file);
  try {
    configure(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** An in-memory database with the same schema (unit tests). */
export function openMemoryDatabase(): Db {
  const db = new Database(":memory:");
  configure(db);
  migrate(db);
  return db;
}

function configure(db: Db): void {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
}

function migrate(db: Db): void {
  const current = db.pragma("user_version", { simple: true }) as number;
  if (current > migrations.length) {
    throw new CliError(
      `The cache was written by a newer corvana-bb (schema ${current}, this version knows ${migrations.length}).`,
      ExitCode.usage,
      { hint: "Upgrade corvana-bb, or remove the cache to start over (`corvana-bb status` shows where it is)." },
    );
  }
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] ?? "");
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
