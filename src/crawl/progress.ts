/** Progress events a sync emits; the CLI renders them as a spinner on a terminal or as log lines. */
import type { ResourceCounts } from "./crawl-context.ts";

/** One step of a sync, with running totals. */
export type SyncEvent =
  | { type: "repositories"; count: number; excluded: number }
  /** After every committed page: values fetched so far per resource, and requests sent. */
  | { type: "progress"; fetched: ResourceCounts; requests: number; done: number; total: number }
  | { type: "repository-done"; slug: string; fetched: ResourceCounts; changed: number; done: number; total: number }
  /** The repository answered 403/404 for pipelines: marked as without Pipelines, checked again in a week. */
  | { type: "pipelines-unavailable"; slug: string };

/** Receives progress events; must not throw. */
export type SyncReporter = (event: SyncEvent) => void;
