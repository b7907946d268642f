/**
 * Records freshly written bundles in the bookkeeping, then moves them into place. Recording comes first so a
 * crash leaves a recorded `.part` that reconcileBundles finishes, never a bundle the bookkeeping does not know.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { BundleEntry, NewBundleEntry } from "../store/bundle-log.ts";
import type { Store } from "../store/store.ts";
import { bundleFileName } from "./bundle-files.ts";
import type { WrittenBundle } from "./write-bundle.ts";

/** Where the bundles of an export go. */
export type ExportDestination =
  /** Into the bundles directory, to be uploaded from this host. */
  | { kind: "pending"; dir: string }
  /** Elsewhere, to be carried; `fileFor` names each bundle (index is 1-based) in `dir`. */
  | { kind: "exported"; dir: string; fileFor: (id: string, index: number, count: number) => string };

/** Records `written` (all of one window) and renames them to their final names; retires `supersedes`. */
export async function commitBundles(
  store: Store,
  written: WrittenBundle[],
  destination: ExportDestination,
  supersedes?: BundleEntry,
): Promise<BundleEntry[]> {
  const entries: NewBundleEntry[] = written.map(({ manifest, bytes, sha256 }, i) => ({
    id: manifest.bundle_id,
    workspace: manifest.workspace,
    scope: manifest.window.scope,
    afterRun: manifest.window.after_run,
    throughRun: manifest.window.through_run,
    records: manifest.records,
    bytes,
    sha256,
    file:
      destination.kind === "pending"
        ? path.join(destination.dir, bundleFileName(manifest.bundle_id))
        : destination.fileFor(manifest.bundle_id, i + 1, written.length),
    createdAt: manifest.created_at,
    status: destination.kind,
    partOf: manifest.part?.of ?? null,
    partIndex: manifest.part?.index ?? null,
  }));
  store.bundles.record(entries, supersedes?.id);
  for (const [i, entry] of entries.entries()) {
    const temporary = written[i]?.temporaryFile;
    if (temporary !== undefined) await fs.rename(temporary, entry.file);
  }
  // The replaced bundle's file goes only from the bundles directory: a file elsewhere is the user's.
  if (supersedes !== undefined && supersedes.status === "pending") await fs.rm(supersedes.file, { force: true });
  return entries.map((e) => store.bundles.get(e.id)).filter((e) => e !== undefined);
}
