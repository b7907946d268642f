/** Sync cursors: one JSON value per (scope, resource), written in the same transaction as the page it follows. */
import type { Db } from "./open-database.ts";

/** Prepared statements for sync_cursors. */
export function createCursorTable(db: Db) {
  const get = db.prepare("SELECT value FROM sync_cursors WHERE scope = ? AND resource = ?");
  const set = db.prepare(`
    INSERT INTO sync_cursors (scope, resource, value) VALUES (?, ?, ?)
    ON CONFLICT (scope, resource) DO UPDATE SET value = excluded.value WHERE sync_cursors.value IS NOT excluded.value`);
  const clear = db.prepare("DELETE FROM sync_cursors WHERE scope = ?");

  return {
    /** The cursor's JSON value, or undefined when there is none yet. */
    get<T>(scope: string, resource: string): T | undefined {
      const row = get.get(scope, resource) as { value: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.value) as T);
    },
    /** Stores a cursor (no write when the value is unchanged). */
    set(scope: string, resource: string, value: unknown): void {
      set.run(scope, resource, JSON.stringify(value));
    },
    /** Forgets every cursor of a scope (`sync --full`). */
    clear(scope: string): void {
      clear.run(scope);
    },
  };
}
