/**
 * `bundle export`: writes the delta since the last bundle (or everything) as signed bundle files — into the
 * bundles directory to upload from here, or to `--out` to carry to a connected machine — or, with `--split`,
 * re-writes one bundle file as smaller parts. Needs the signing key; works offline and without enrollment.
 */
import fs from "node:fs";
import path from "node:path";
import { openCredentialStore } from "../auth/open-credential-store.ts";
import { bundleFileName, ensurePrivateDir } from "../bundle/bundle-files.ts";
import {
  DEFAULT_MAX_RECORDS,
  type ExportDestination,
  type ExportOutcome,
  exportBundles,
} from "../bundle/export-bundles.ts";
import type { BundleSigner } from "../bundle/signer.ts";
import { splitBundle } from "../bundle/split-bundle.ts";
import { verifyBundleFile } from "../bundle/verify-bundle.ts";
import type { Config } from "../config/load-config.ts";
import { UsageError } from "../errors.ts";
import { openStore, type Store } from "../store/store.ts";
import { version } from "../version.ts";
import { enrollHint, requireBundleIdentity } from "./bundle-identity.ts";
import { requireWorkspace } from "./sync.ts";
import { withSyncLock } from "./sync-lock.ts";

/** Options of `bundle export`. */
export interface BundleExportOptions {
  /** A file (one bundle; parts get `-partN`) or an existing directory; default: the bundles directory. */
  out?: string;
  all?: boolean;
  maxRecords?: number;
  /** Re-write this bundle file as smaller parts (after Corvana answered 413 on another machine). */
  split?: string;
  now?: () => Date;
}

/** What the export did, with a warning when the bundles cannot be uploaded until enrollment. */
export type BundleExportResult = ExportOutcome & { notEnrolled: string | undefined; signerFingerprint: string };

/** Runs the export under the sync lock. */
export async function runBundleExport(config: Config, options: BundleExportOptions = {}): Promise<BundleExportResult> {
  // A split takes its workspace from the bundle; an export needs the configured one.
  const workspace = options.split === undefined ? requireWorkspace(config) : "";
  const identity = await requireBundleIdentity(await openCredentialStore(config));
  if (!fs.existsSync(config.paths.databaseFile)) {
    throw new UsageError("There is no local cache yet: nothing to export.", { hint: "Run `corvana-bb sync` first." });
  }
  const destination = await destinationFor(config, options.out);
  return withSyncLock(config, async () => {
    const store = openStore(config.paths.databaseFile);
    try {
      const outcome: ExportOutcome =
        options.split === undefined
          ? await exportBundles({
              store,
              workspace,
              scope: options.all ? "all" : "delta",
              signer: identity.signer,
              collectorId: identity.collector?.collectorId ?? null,
              collectorVersion: version,
              maxRecords: options.maxRecords ?? DEFAULT_MAX_RECORDS,
              destination,
              ...(options.now === undefined ? {} : { now: options.now }),
            })
          : await splitInto(store, options.split, identity.signer, destination, options);
      return {
        ...outcome,
        notEnrolled: identity.collector === undefined ? enrollHint : undefined,
        signerFingerprint: identity.fingerprint,
      };
    } finally {
      store.close();
    }
  });
}

async function splitInto(
  store: Store,
  file: string,
  signer: BundleSigner,
  destination: ExportDestination,
  options: BundleExportOptions,
): Promise<ExportOutcome> {
  const parts = await splitBundle({
    store,
    file,
    signer,
    destination,
    ...(options.maxRecords === undefined ? {} : { maxRecords: options.maxRecords }),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const first = parts[0];
  const window = (await verifyBundleFile(file)).manifest.window;
  return first === undefined ? { status: "nothing", window } : { status: "exported", bundles: parts, window };
}

async function destinationFor(config: Config, out: string | undefined): Promise<ExportDestination> {
  if (out === undefined) {
    await ensurePrivateDir(config.paths.bundlesDir);
    return { kind: "pending", dir: config.paths.bundlesDir };
  }
  const target = path.resolve(out);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) {
    return { kind: "exported", dir: target, fileFor: (id) => path.join(target, bundleFileName(id)) };
  }
  const dir = path.dirname(target);
  if (!fs.existsSync(dir)) throw new UsageError(`The directory of --out does not exist: ${dir}`);
  if (fs.existsSync(target))
    throw new UsageError(`--out ${out} already exists; choose a new file name or a directory.`);
  const ext = path.extname(target) || ".tar";
  const stem = target.slice(0, target.length - path.extname(target).length);
  return {
    kind: "exported",
    dir,
    fileFor: (_id, index, count) => (count === 1 ? target : `${stem}-part${index}${ext}`),
  };
}
