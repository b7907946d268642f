/** What the Corvana sandbox remembers: collectors, accepted bundles and records, deletions, and its fault knobs. */

/** An enrolled collector as Corvana keeps it. */
export interface SandboxCollector {
  id: string;
  ingestToken: string;
  publicKeyPem: string;
  collectorVersion: string;
  source: string;
  enrollmentCode: string;
  enrolledAt: string;
  /** `revoked` after a DELETE, `purged` after a DELETE with purge=true. */
  status: "active" | "revoked" | "purged";
  lastBundleAt: string | null;
}

/** A bundle Corvana accepted (stored once per id). */
export interface StoredBundle {
  id: string;
  collectorId: string;
  /** SHA-256 of the uploaded file: a replay with the same digest is answered 200, another digest 409. */
  sha256: string;
  body: Buffer;
  counts: Record<string, number>;
  records: number;
  receivedAt: string;
}

/** One record as stored, with the bundle it came in. */
export interface StoredRecord {
  collectorId: string;
  bundleId: string;
  record: Record<string, unknown>;
}

/** A purge request and its promised completion. */
export interface SandboxDeletion {
  deletionId: string;
  collectorId: string;
  requestedAt: string;
  completeBy: string;
}

/** One POST /v1/bundles as answered (status 0: the client went away while the upload was held). */
export interface UploadAttempt {
  bundleId: string | undefined;
  status: number;
  error?: string;
  /** Whether an ingest token came with it. */
  withToken: boolean;
}

/** Fault knobs; tests change them between requests. */
export interface CorvanaFaults {
  /** Answer 503 to this many uploads. */
  unavailable: number;
  /** Answer 429 to this many uploads. */
  throttled: number;
  /** Sent as Retry-After with 429 and 503 when set. */
  retryAfterSeconds: number | undefined;
  /**
   * Hold this many uploads until `releaseHeld()`: before storing the bundle (a client gone by then gets nothing
   * stored), or after storing it and before answering.
   */
  hold: { count: number; phase: "before-store" | "after-store" };
  /** Bundles larger than this are answered 413. */
  maxBundleBytes: number;
}

/** The mutable state of one sandbox instance. */
export interface CorvanaState {
  collectors: Map<string, SandboxCollector>;
  bundles: Map<string, StoredBundle>;
  records: StoredRecord[];
  deletions: SandboxDeletion[];
  uploads: UploadAttempt[];
  faults: CorvanaFaults;
  /** Strings that must never arrive (canary marker, raw account uuids); a bundle holding one is refused. */
  forbidden: string[];
  now: () => number;
  /** Waiting uploads held by the `hold` knob, and those waiting to see one held. */
  held: Array<() => void>;
  heldWaiters: Array<() => void>;
}
