/** The `sync_runs` log that `status` reads: when, how long, requests used, records written, outcome. */
import type { Db } from "./open-database.ts";
import type { SyncOutcome, SyncRunRow } from "./rows.ts";

/** Prepared statements for sync_runs. */
export function createSyncRunTable(db: Db) {
  const start = db.prepare("INSERT INTO sync_runs (workspace, started_at, outcome) VALUES (?, ?, 'running')");
  const progress = db.prepare("UPDATE sync_runs SET requests = ?, records = ? WHERE id = ?");
  const finish = db.prepare(
    "UPDATE sync_runs SET finished_at = ?, requests = ?, records = ?, outcome = ?, exit_code = ?, message = ? WHERE id = ?",
  );
  const interrupt = db.prepare(
    "UPDATE sync_runs SET outcome = 'interrupted', message = 'the process ended before the run finished' WHERE outcome = 'running'",
  );
  const recent = db.prepare("SELECT * FROM sync_runs WHERE workspace = ? ORDER BY id DESC LIMIT ?");

  return {
    /** Marks runs left 'running' by a killed process as interrupted (called under the sync lock). */
    markInterrupted(): number {
      return interrupt.run().changes;
    },
    /** Starts a run and returns its id. */
    start(workspace: string, at: string): number {
      return Number(start.run(workspace, at).lastInsertRowid);
    },
    /** Records progress so a killed run still shows what it did. */
    progress(id: number, requests: number, records: number): void {
      progress.run(requests, records, id);
    },
    /** Ends a run. */
    finish(
      id: number,
      end: { at: string; requests: number; records: number; outcome: SyncOutcome; exitCode: number; message?: string },
    ): void {
      finish.run(end.at, end.requests, end.records, end.outcome, end.exitCode, end.message ?? null, id);
    },
    /** The most recent runs of a workspace, newest first. */
    recent(workspace: string, limit: number): SyncRunRow[] {
      return (recent.all(workspace, limit) as Record<string, unknown>[]).map((r) => ({
        id: r.id as number,
        workspace: r.workspace as string,
        startedAt: r.started_at as string,
        finishedAt: r.finished_at as string | null,
        requests: r.requests as number,
        records: r.records as number,
        outcome: r.outcome as SyncOutcome,
        exitCode: r.exit_code as number | null,
        message: r.message as string | null,
      }));
    },
  };
}
