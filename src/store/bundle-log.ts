/**
 * The bundle bookkeeping (`bundles` table): which bundles were made, what window of sync runs each covers,
 * and where each stands with Corvana. Records count as uploaded only once their bundle is `accepted`.
 */
import type { Db } from "./open-database.ts";

/**
 * Where a bundle stands: `pending` waits in the bundles directory for upload from this host; `exported` was
 * written elsewhere (`bundle export --out`) to be carried and uploaded from another machine; `accepted` Corvana
 * has it; `rejected` Corvana refused it (409/422, the file is kept); `superseded` it was re-exported as smaller
 * parts after a 413; `lost` its file disappeared before it was uploaded.
 */
export type BundleStatus = "pending" | "exported" | "accepted" | "rejected" | "superseded" | "lost";

/** One bundle as recorded. */
export interface BundleEntry {
  id: string;
  workspace: string;
  scope: "delta" | "all";
  /** The window: rows with changed_in_run in (afterRun, throughRun]. */
  afterRun: number;
  throughRun: number;
  records: number;
  bytes: number;
  /** SHA-256 of the whole file (what Corvana compares when the same id comes again). */
  sha256: string;
  file: string;
  createdAt: string;
  status: BundleStatus;
  /** Set on the parts of a split export: the id shared by the parts and their position (1-based). */
  partOf: string | null;
  partIndex: number | null;
  attempts: number;
  lastAttemptAt: string | null;
  acceptedAt: string | null;
  message: string | null;
}

/** What is recorded when a bundle is made. */
export type NewBundleEntry = Omit<BundleEntry, "attempts" | "lastAttemptAt" | "acceptedAt" | "message">;

/** Counts for `status`. */
export interface BundleTotals {
  byStatus: Record<BundleStatus, number>;
  recordsAccepted: number;
  lastAccepted: { bundleId: string; acceptedAt: string } | undefined;
}

const statuses: BundleStatus[] = ["pending", "exported", "accepted", "rejected", "superseded", "lost"];

/** Prepared statements for the bundles table. */
export function createBundleLog(db: Db) {
  const insert = db.prepare(`
    INSERT INTO bundles (id, workspace, scope, after_run, through_run, records, bytes, sha256, file, created_at,
      status, part_of, part_index)
    VALUES (@id, @workspace, @scope, @afterRun, @throughRun, @records, @bytes, @sha256, @file, @createdAt,
      @status, @partOf, @partIndex)`);
  const byId = db.prepare("SELECT * FROM bundles WHERE id = ?");
  const mark = db.prepare(
    "SELECT COALESCE(MAX(through_run), 0) AS mark FROM bundles WHERE workspace = ? AND status IN ('pending', 'exported', 'accepted')",
  );
  const pending = db.prepare("SELECT * FROM bundles WHERE status = 'pending' ORDER BY created_at, part_index, id");
  const superseded = db.prepare("SELECT * FROM bundles WHERE status = 'superseded'");
  const setStatus = db.prepare("UPDATE bundles SET status = ?, message = ? WHERE id = ?");
  const reject = db.prepare("UPDATE bundles SET status = 'rejected', message = ?, file = ? WHERE id = ?");
  const attempt = db.prepare("UPDATE bundles SET attempts = attempts + 1, last_attempt_at = ? WHERE id = ?");
  const accept = db.prepare(
    "UPDATE bundles SET status = 'accepted', accepted_at = COALESCE(accepted_at, ?), message = NULL WHERE id = ?",
  );
  const countByStatus = db.prepare("SELECT status, COUNT(*) AS n FROM bundles GROUP BY status");
  const acceptedRecords = db.prepare("SELECT COALESCE(SUM(records), 0) AS n FROM bundles WHERE status = 'accepted'");
  const newestAccepted = db.prepare(
    "SELECT id, accepted_at FROM bundles WHERE status = 'accepted' ORDER BY accepted_at DESC, id LIMIT 1",
  );

  return {
    /** The highest run already in a bundle made for upload; the next delta starts after it (0: none yet). */
    highWaterMark(workspace: string): number {
      return (mark.get(workspace) as { mark: number }).mark;
    },
    /** Records new bundles and, for a split, retires the bundle they replace — in one transaction. */
    record(entries: NewBundleEntry[], supersedes?: string): void {
      db.transaction(() => {
        for (const entry of entries) insert.run(entry);
        if (supersedes !== undefined) setStatus.run("superseded", "re-exported as smaller parts", supersedes);
      })();
    },
    /** One bundle by id. */
    get(id: string): BundleEntry | undefined {
      const row = byId.get(id) as Record<string, unknown> | undefined;
      return row === undefined ? undefined : fromRecord(row);
    },
    /** Bundles waiting in the bundles directory for upload, oldest first. */
    pending(): BundleEntry[] {
      return (pending.all() as Record<string, unknown>[]).map(fromRecord);
    },
    /** Bundles replaced by smaller parts (their files are removed once the parts are recorded). */
    superseded(): BundleEntry[] {
      return (superseded.all() as Record<string, unknown>[]).map(fromRecord);
    },
    /** Counts one upload attempt. */
    markAttempt(id: string, at: string): void {
      attempt.run(at, id);
    },
    /** Corvana has the bundle (201, or 200 for a replay): its records now count as uploaded. */
    markAccepted(id: string, at: string): void {
      accept.run(at, id);
    },
    /** Corvana refused the bundle for good (409/422): why (never record content), and where its file is kept now. */
    markRejected(id: string, message: string, file: string): void {
      reject.run(message, file, id);
    },
    /** The file of a pending bundle is gone; its window is released so a later export can cover it again. */
    markLost(id: string, message: string): void {
      setStatus.run("lost", message, id);
    },
    /** Totals for `status`. */
    totals(): BundleTotals {
      const byStatus = Object.fromEntries(statuses.map((s) => [s, 0])) as Record<BundleStatus, number>;
      for (const row of countByStatus.all() as { status: BundleStatus; n: number }[]) byStatus[row.status] = row.n;
      const newest = newestAccepted.get() as { id: string; accepted_at: string } | undefined;
      return {
        byStatus,
        recordsAccepted: (acceptedRecords.get() as { n: number }).n,
        lastAccepted: newest === undefined ? undefined : { bundleId: newest.id, acceptedAt: newest.accepted_at },
      };
    },
  };
}

function fromRecord(r: Record<string, unknown>): BundleEntry {
  return {
    id: r.id as string,
    workspace: r.workspace as string,
    scope: r.scope as BundleEntry["scope"],
    afterRun: r.after_run as number,
    throughRun: r.through_run as number,
    records: r.records as number,
    bytes: r.bytes as number,
    sha256: r.sha256 as string,
    file: r.file as string,
    createdAt: r.created_at as string,
    status: r.status as BundleStatus,
    partOf: r.part_of as string | null,
    partIndex: r.part_index as number | null,
    attempts: r.attempts as number,
    lastAttemptAt: r.last_attempt_at as string | null,
    acceptedAt: r.accepted_at as string | null,
    message: r.message as string | null,
  };
}
