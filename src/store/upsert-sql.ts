/**
 * The one shape of write the cache uses: insert, or update only when a column differs. A row that is
 * written again unchanged keeps its `changed_in_run`, so an incremental sync of an unchanged workspace
 * changes nothing (DESIGN §4) and bundles select exactly the rows that changed.
 */

/** `INSERT … ON CONFLICT (keys) DO UPDATE … WHERE the columns differ`, with `@name` parameters and `@run`. */
export function upsertSql(table: string, keys: readonly string[], columns: readonly string[]): string {
  return `
    INSERT INTO ${table} (${[...keys, ...columns].join(", ")}, changed_in_run)
    VALUES (${[...keys, ...columns].map((c) => `@${c}`).join(", ")}, @run)
    ON CONFLICT (${keys.join(", ")}) DO UPDATE SET ${columns.map((c) => `${c} = excluded.${c}`).join(", ")},
      changed_in_run = excluded.changed_in_run
    WHERE (${columns.map((c) => `${table}.${c}`).join(", ")}) IS NOT (${columns.map((c) => `excluded.${c}`).join(", ")})`;
}
