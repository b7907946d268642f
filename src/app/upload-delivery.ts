/**
 * Delivers one bundle to Corvana and keeps the bookkeeping true: a bundle counts as uploaded only once Corvana
 * answers 201 or 200; a refused one (409/422) is marked and kept on disk (in `rejected/`); a 413 on the collector host
 * re-writes the same records as smaller signed parts and delivers each once; elsewhere it says how to do so.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { openBundleFile } from "../bundle/bundle-source.ts";
import { readBundle } from "../bundle/read-bundle.ts";
import type { BundleSigner } from "../bundle/signer.ts";
import { splitBundle } from "../bundle/split-bundle.ts";
import { BundleConflictError, BundleRejectedError, type BundleUploader } from "../corvana/upload-bundle.ts";
import { UsageError } from "../errors.ts";
import type { Store } from "../store/store.ts";

/** Progress a command may show. */
export type UploadEvent =
  | { type: "uploading"; bundleId: string; records: number }
  | { type: "delivered"; bundleId: string; records: number; replay: boolean }
  | { type: "splitting"; bundleId: string; parts: number }
  | { type: "retrying"; attempt: number; delayMs: number; reason: string };

/** One bundle Corvana now holds. */
export interface Delivered {
  bundleId: string;
  records: number;
  /** True when Corvana already had it (200): a re-send after an interrupted upload. */
  replay: boolean;
  /** Set when it is a part made by splitting a bundle that was too large. */
  partOf: string | null;
}

/** What delivering needs. `local` is present on the host whose key signed the bundle, with its cache. */
export interface DeliveryDeps {
  uploader: BundleUploader;
  now: () => Date;
  report: (event: UploadEvent) => void;
  local?: { store: Store; signer: BundleSigner; bundlesDir: string };
}

/** A bundle to deliver. */
export interface BundleToDeliver {
  id: string;
  file: string;
  records: number;
}

/** Splitting halves at least; a part of one record that is still too large cannot be helped. */
const MAX_SPLIT_DEPTH = 8;

/** Uploads a bundle (splitting it after a 413 when it can); returns what Corvana now holds. */
export async function deliverBundle(deps: DeliveryDeps, bundle: BundleToDeliver, depth = 0): Promise<Delivered[]> {
  const entry = deps.local?.store.bundles.get(bundle.id);
  const bookkeeping = entry === undefined ? undefined : deps.local?.store.bundles;
  bookkeeping?.markAttempt(bundle.id, deps.now().toISOString());
  deps.report({ type: "uploading", bundleId: bundle.id, records: bundle.records });
  let outcome: Awaited<ReturnType<BundleUploader["upload"]>>;
  try {
    outcome = await deps.uploader.upload({ file: bundle.file, bundleId: bundle.id });
  } catch (error) {
    if (!(error instanceof BundleRejectedError || error instanceof BundleConflictError)) throw error;
    // Out of the pending directory (sync must not send it again, status must not count it), but kept.
    const keptAt =
      entry?.status === "pending" && deps.local ? await setAside(entry.file, deps.local.bundlesDir) : bundle.file;
    bookkeeping?.markRejected(bundle.id, error.message, keptAt);
    throw error instanceof BundleRejectedError
      ? new BundleRejectedError(bundle.id, error.reason, error.detail, keptAt)
      : new BundleConflictError(bundle.id, error.detail, keptAt);
  }
  if (outcome.status !== "too-large") {
    bookkeeping?.markAccepted(bundle.id, deps.now().toISOString());
    // A pending bundle's file has done its job; a file the user handed over is theirs to keep.
    if (entry?.status === "pending" && path.dirname(entry.file) === deps.local?.bundlesDir) {
      await fs.rm(entry.file, { force: true });
    }
    const replay = outcome.status === "already-accepted";
    deps.report({ type: "delivered", bundleId: bundle.id, records: bundle.records, replay });
    return [{ bundleId: bundle.id, records: bundle.records, replay, partOf: entry?.partOf ?? null }];
  }

  const size = (await fs.stat(bundle.file)).size;
  const maxRecords = smallerPartSize(bundle.records, size, await contentSize(bundle.file), outcome.maxBytes);
  const local = deps.local;
  if (local === undefined || bundle.records <= 1 || depth >= MAX_SPLIT_DEPTH) {
    throw new UsageError(
      `Corvana refused bundle ${bundle.id} as too large (${size} bytes${outcome.maxBytes ? `, limit ${outcome.maxBytes}` : ""}).`,
      {
        hint: `On the collector host, re-write it in smaller parts: \`corvana-bb bundle export --split <this bundle file> --max-records ${maxRecords} --out <dir>\`, then upload each part.`,
      },
    );
  }
  const parts = await splitBundle({
    store: local.store,
    file: bundle.file,
    signer: local.signer,
    maxRecords,
    destination: { kind: "pending", dir: local.bundlesDir },
    now: deps.now,
  });
  deps.report({ type: "splitting", bundleId: bundle.id, parts: parts.length });
  const delivered: Delivered[] = [];
  for (const part of parts) {
    delivered.push(...(await deliverBundle(deps, { id: part.id, file: part.file, records: part.records }, depth + 1)));
  }
  return delivered;
}

/** Moves a refused bundle into `rejected/` beside the pending ones; returns its new path. */
async function setAside(file: string, bundlesDir: string): Promise<string> {
  const dir = path.join(bundlesDir, "rejected");
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, path.basename(file));
  await fs.rename(file, target);
  return target;
}

/**
 * Records per part: at most half, and when Corvana names its limit, as many as fit in 80 % of it after the
 * fixed part of a bundle (headers, manifest, signature) — counting each record 1.5 times its compressed size in
 * this bundle, because a smaller part compresses less well.
 */
export function smallerPartSize(
  records: number,
  fileBytes: number,
  contentBytes: number,
  maxBytes: number | undefined,
): number {
  const half = Math.max(1, Math.ceil(records / 2));
  if (maxBytes === undefined || records === 0 || contentBytes <= 0) return half;
  // The records entry is padded to a whole 512-byte block.
  const budget = maxBytes * 0.8 - (fileBytes - contentBytes) - 512;
  // Small parts compress worse than the whole (less repetition for gzip, and records cluster by type), so
  // assume each record costs 2.5× its average compressed size in the whole bundle.
  return Math.max(1, Math.min(half, Math.floor((budget * records) / (contentBytes * 2.5))));
}

async function contentSize(file: string): Promise<number> {
  const source = await openBundleFile(file);
  try {
    return (await readBundle(source)).content.size;
  } finally {
    await source.close();
  }
}
