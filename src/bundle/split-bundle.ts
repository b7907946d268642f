/**
 * Splits a bundle Corvana found too large (413) into smaller signed bundles holding exactly the same records:
 * they are read back from the bundle file and re-written — through the strict schemas again — under new ids,
 * each marked as a part of the original, which is retired. Only the collector that signed a bundle can split
 * it: the parts must carry its signature too.
 */

import { UsageError } from "../errors.ts";
import type { BundleEntry } from "../store/bundle-log.ts";
import type { Store } from "../store/store.ts";
import { openBundleFile } from "./bundle-source.ts";
import { commitBundles, type ExportDestination } from "./commit-bundles.ts";
import { NotABundleError, readBundle } from "./read-bundle.ts";
import { readRecords } from "./read-records.ts";
import type { BundleRecord } from "./record-type.ts";
import type { BundleSigner } from "./signer.ts";
import { verifyBundle } from "./verify-bundle.ts";
import { writeBundles } from "./write-bundle.ts";

/** What a split needs. */
export interface SplitOptions {
  store: Store;
  file: string;
  signer: BundleSigner;
  /** Records per part (default: half of the bundle's). */
  maxRecords?: number;
  destination: ExportDestination;
  now?: () => Date;
}

/** Re-writes the bundle in `file` as parts of at most `maxRecords` records; returns the recorded parts. */
export async function splitBundle(options: SplitOptions): Promise<BundleEntry[]> {
  const source = await openBundleFile(options.file);
  try {
    const bundle = await readBundle(source);
    const report = await verifyBundle(bundle, options.signer.publicKeyPem);
    if (!report.ok) {
      throw report.checks.expectedKey === false && report.checks.signature
        ? new UsageError(`Bundle ${report.bundleId} was signed by another key (${report.signerFingerprint}).`, {
            hint: "Split it on the collector host that exported it.",
          })
        : new NotABundleError(report.problems.join("; "));
    }
    const { manifest } = bundle;
    async function* records(): AsyncGenerator<BundleRecord> {
      for await (const line of readRecords(bundle)) {
        if ("invalid" in line) throw new NotABundleError(`line ${line.line} of the records is not a record`);
        yield line.record as BundleRecord;
      }
    }
    const written = await writeBundles({
      dir: options.destination.dir,
      sources: records(),
      header: {
        collectorId: manifest.collector.id,
        collectorVersion: manifest.collector.version,
        source: manifest.source,
        workspace: manifest.workspace,
        window: manifest.window,
      },
      signer: options.signer,
      maxRecords: options.maxRecords ?? Math.max(1, Math.ceil(manifest.records / 2)),
      partOf: manifest.bundle_id,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
    const original = options.store.bundles.get(manifest.bundle_id);
    return await commitBundles(options.store, written, options.destination, original);
  } finally {
    await source.close();
  }
}
