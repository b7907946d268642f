/**
 * Delta queries for bundles: the rows of one workspace whose `changed_in_run` lies in a window of sync runs,
 * streamed with better-sqlite3's `iterate()` so an export holds one row at a time whatever the cache's size.
 * The query is generic over a table description so that a new record type needs no new SQL here.
 */
import type { Db } from "./open-database.ts";

type Statement = ReturnType<Db["prepare"]> & { iterate(...params: unknown[]): IterableIterator<unknown> };

/** Which table to read and how it links to a workspace. */
export interface ChangedRowsSource {
  table: string;
  /** The columns to select; a record's fields are named after them. */
  columns: readonly string[];
  /** Columns read under another name (field → column), e.g. a column `type` that would clash with a record's `type`. */
  renamed?: Readonly<Record<string, string>>;
  /** The column holding the repository uuid (`uuid` for repositories themselves). */
  repositoryColumn: string;
  /** A stable order (the primary key), so a re-export yields the same sequence. */
  orderBy: readonly string[];
}

/** Rows with afterRun < changed_in_run <= throughRun of one workspace. */
export interface RunWindow {
  workspace: string;
  afterRun: number;
  throughRun: number;
}

/** A sync run's id and times, for a bundle's time window. */
export interface RunTimes {
  id: number;
  startedAt: string;
  finishedAt: string | null;
}

const identifier = /^[a-z_][a-z0-9_]*$/;

/** Prepared delta queries. */
export function createChangedRows(db: Db) {
  const latest = db.prepare(
    "SELECT id, started_at, finished_at FROM sync_runs WHERE workspace = ? ORDER BY id DESC LIMIT 1",
  );
  const byId = db.prepare("SELECT id, started_at, finished_at FROM sync_runs WHERE id = ?");
  const statements = new Map<string, Statement>();

  function statementFor(source: ChangedRowsSource) {
    const renamed = source.renamed ?? {};
    const names = [
      source.table,
      source.repositoryColumn,
      ...source.columns,
      ...Object.values(renamed),
      ...source.orderBy,
    ];
    const bad = names.find((name) => !identifier.test(name));
    if (bad !== undefined) throw new Error(`not an SQL identifier: ${JSON.stringify(bad)}`);
    const select = source.columns.map((name) => {
      const column = Object.hasOwn(renamed, name) ? renamed[name] : undefined;
      return column === undefined ? name : `${column} AS ${name}`;
    });
    const sql = `
      SELECT ${select.join(", ")} FROM ${source.table}
      WHERE changed_in_run > ? AND changed_in_run <= ?
        AND ${source.repositoryColumn} IN (SELECT uuid FROM repositories WHERE workspace = ?)
      ORDER BY ${source.orderBy.join(", ")}`;
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = db.prepare(sql) as Statement;
      statements.set(sql, statement);
    }
    return statement;
  }

  const times = (row: Record<string, unknown> | undefined): RunTimes | undefined =>
    row === undefined
      ? undefined
      : { id: row.id as number, startedAt: row.started_at as string, finishedAt: row.finished_at as string | null };

  return {
    /** The newest sync run of a workspace, if any. */
    latestRun(workspace: string): RunTimes | undefined {
      return times(latest.get(workspace) as Record<string, unknown> | undefined);
    },
    /** A sync run by id. */
    run(id: number): RunTimes | undefined {
      return times(byId.get(id) as Record<string, unknown> | undefined);
    },
    /**
     * The changed rows of one table, one at a time. While the iterator is open the connection is busy, so the
     * caller must finish (or `return()`) it before touching the store again.
     */
    iterate(source: ChangedRowsSource, window: RunWindow): IterableIterator<Record<string, unknown>> {
      return statementFor(source).iterate(window.afterRun, window.throughRun, window.workspace) as IterableIterator<
        Record<string, unknown>
      >;
    },
  };
}
