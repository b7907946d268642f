/** Progress events a sync emits; the CLI renders them as a spinner on a terminal or as log lines. */

/** One step of a sync, with running totals. */
export type SyncEvent =
  | { type: "repositories"; count: number }
  | { type: "repository-done"; slug: string; pullRequests: number; done: number; total: number }
  | { type: "repository-skipped"; slug: string; reason: string };

/** Receives progress events; must not throw. */
export type SyncReporter = (event: SyncEvent) => void;
