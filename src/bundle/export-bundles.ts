/**
 * Export: pick the window of sync runs — the delta since the last bundle made for upload, or everything — and
 * write its rows as signed bundles. Runs under the sync lock (the caller's), so no sync writes rows into the
 * window meanwhile.
 */
import type { BundleEntry } from "../store/bundle-log.ts";
import type { RunWindow } from "../store/changed-rows.ts";
import type { Store } from "../store/store.ts";
import { commitBundles, type ExportDestination } from "./commit-bundles.ts";
import type { Manifest } from "./manifest.ts";
import { recordTypes } from "./record-types.ts";
import type { BundleSigner } from "./signer.ts";
import { writeBundles } from "./write-bundle.ts";

export type { ExportDestination } from "./commit-bundles.ts";

/** The default largest bundle: about 7 MB at the 27 bytes per record measured in docs/benchmarks.md. */
export const DEFAULT_MAX_RECORDS = 250_000;

/** What an export needs. */
export interface ExportOptions {
  store: Store;
  workspace: string;
  scope: "delta" | "all";
  signer: BundleSigner;
  collectorId: string | null;
  collectorVersion: string;
  maxRecords: number;
  destination: ExportDestination;
  now?: () => Date;
  newId?: () => string;
}

/** What an export did. */
export type ExportOutcome =
  | { status: "exported"; bundles: BundleEntry[]; window: Manifest["window"] }
  | { status: "nothing"; window: Manifest["window"] };

/** Exports the chosen window; nothing is written when it holds no records. */
export async function exportBundles(options: ExportOptions): Promise<ExportOutcome> {
  const { store, workspace } = options;
  const throughRun = store.changes.latestRun(workspace)?.id ?? 0;
  const afterRun = options.scope === "all" ? 0 : store.bundles.highWaterMark(workspace);
  const window: RunWindow = { workspace, afterRun, throughRun };
  const manifestWindow = describeWindow(store, window, options.scope);
  if (throughRun <= afterRun) return { status: "nothing", window: manifestWindow };

  const written = await writeBundles({
    dir: options.destination.dir,
    // Lazy: each table's query starts only when the previous one is finished.
    sources: recordTypes.map((type) => ({
      type,
      rows: { [Symbol.iterator]: () => store.changes.iterate(type.source, window) },
    })),
    header: {
      collectorId: options.collectorId,
      collectorVersion: options.collectorVersion,
      source: "bitbucket-cloud",
      workspace,
      window: manifestWindow,
    },
    signer: options.signer,
    maxRecords: options.maxRecords,
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.newId === undefined ? {} : { newId: options.newId }),
  });
  if (written.length === 0) return { status: "nothing", window: manifestWindow };
  return {
    status: "exported",
    bundles: await commitBundles(store, written, options.destination),
    window: manifestWindow,
  };
}

function describeWindow(store: Store, window: RunWindow, scope: "delta" | "all"): Manifest["window"] {
  const time = (id: number) => {
    const run = id > 0 ? store.changes.run(id) : undefined;
    return run === undefined ? null : (run.finishedAt ?? run.startedAt);
  };
  return {
    scope,
    after_run: window.afterRun,
    through_run: window.throughRun,
    after: time(window.afterRun),
    through: time(window.throughRun),
  };
}
