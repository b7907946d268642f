/**
 * The request ledger: requests sent per credential per minute, so that separate runs (cron) share one
 * rolling hourly budget (Bitbucket's limit is per credential over a rolling hour: api-notes §2).
 */
import type { Db } from "./open-database.ts";

const minuteMs = 60_000;

/** Prepared statements for request_ledger. */
export function createRequestLedger(db: Db) {
  const add = db.prepare(`
    INSERT INTO request_ledger (credential, minute, requests) VALUES (?, ?, ?)
    ON CONFLICT (credential, minute) DO UPDATE SET requests = requests + excluded.requests`);
  const sum = db.prepare(
    "SELECT COALESCE(SUM(requests), 0) AS n FROM request_ledger WHERE credential = ? AND minute >= ?",
  );
  const prune = db.prepare("DELETE FROM request_ledger WHERE minute < ?");

  return {
    /** Adds `count` requests sent at `atMs` (epoch ms); forgets buckets older than a day. */
    add(credential: string, atMs: number, count: number): void {
      if (count <= 0) return;
      const minute = Math.floor(atMs / minuteMs);
      add.run(credential, minute, count);
      prune.run(minute - 24 * 60);
    },
    /** Requests recorded since `sinceMs`, counting the whole minute it falls in (errs on the safe side). */
    usedSince(credential: string, sinceMs: number): number {
      return (sum.get(credential, Math.floor(sinceMs / minuteMs)) as { n: number }).n;
    },
  };
}
