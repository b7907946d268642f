/**
 * The bundle writer. Records stream from their sources (SQLite iterators) through the strict schemas, as
 * NDJSON through gzip into a temporary file while being hashed; then the manifest is built, signed, and the
 * tar is assembled around it. Memory stays flat at any size. A record that fails its schema — a field outside
 * the allowlist or a value of the wrong shape — stops the writer: every file it made is removed and nothing
 * is returned. With `maxRecords`, one pass makes several bundles (parts), each complete and signed.
 * Records come from per-type sources (the cache) or from one stream of typed records (another bundle, split).
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { assembleTar } from "./assemble-tar.ts";
import { BUNDLE_FORMAT, ENTRY, FORMAT_VERSION, type Manifest } from "./manifest.ts";
import { type Line, type Lines, type RecordSource, validatedLines, validatedRecords } from "./record-lines.ts";
import type { BundleRecord } from "./record-type.ts";
import { type BundleSigner, signerFingerprint } from "./signer.ts";

export type { RecordSource } from "./record-lines.ts";

/** The manifest fields the caller decides. */
export interface BundleHeader {
  collectorId: string | null;
  collectorVersion: string;
  source: string;
  workspace: string;
  window: Manifest["window"];
}

/** What the writer needs. */
export interface WriteBundlesOptions {
  /** Where the temporary files go (the caller renames them into place). */
  dir: string;
  /** Per-type rows (from the cache), or records that carry their `type` (from another bundle). */
  sources: RecordSource[] | AsyncIterable<BundleRecord>;
  header: BundleHeader;
  signer: BundleSigner;
  /** At most this many records per bundle; more make further parts. */
  maxRecords: number;
  /** Marks every bundle as a part of this id (a split re-export names the bundle it replaces). */
  partOf?: string;
  now?: () => Date;
  newId?: () => string;
}

/** One finished bundle, still under its temporary name. */
export interface WrittenBundle {
  manifest: Manifest;
  temporaryFile: string;
  bytes: number;
  /** SHA-256 of the whole file. */
  sha256: string;
}

/** Writes the records of `sources` as one or more signed bundles; returns [] when there are no records. */
export async function writeBundles(options: WriteBundlesOptions): Promise<WrittenBundle[]> {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const fingerprint = signerFingerprint(options.signer.publicKeyPem);
  if (fingerprint === undefined) throw new Error("the signing key's public half is not a usable key");
  const records: Lines = Array.isArray(options.sources)
    ? validatedLines(options.sources)
    : validatedRecords(options.sources as AsyncIterable<BundleRecord>);
  const seriesId = options.partOf ?? newId();
  const written: WrittenBundle[] = [];
  const temporary: string[] = [];
  try {
    let next = await records.next();
    while (!next.done) {
      const id = newId();
      const contentFile = path.join(options.dir, `.${id}.records.part`);
      temporary.push(contentFile);
      const content = await writeContent(contentFile, next, records, options.maxRecords);
      next = content.next;
      const createdAt = now();
      const isPart = options.partOf !== undefined || written.length > 0 || !next.done;
      const manifest: Manifest = {
        format: BUNDLE_FORMAT,
        format_version: FORMAT_VERSION,
        bundle_id: id,
        created_at: createdAt.toISOString(),
        collector: { id: options.header.collectorId, version: options.header.collectorVersion },
        source: options.header.source,
        workspace: options.header.workspace,
        window: options.header.window,
        part: isPart ? { of: seriesId, index: written.length + 1, last: next.done === true } : null,
        counts: content.counts,
        records: content.records,
        content: {
          entry: ENTRY.records,
          media_type: "application/x-ndjson",
          encoding: "gzip",
          sha256: content.sha256,
          size: content.size,
        },
        signer: { algorithm: "ed25519", public_key: options.signer.publicKeyPem, fingerprint },
      };
      const tarFile = path.join(options.dir, `.${id}.tar.part`);
      temporary.push(tarFile);
      const tar = await assembleTar(tarFile, manifest, options.signer, contentFile, createdAt);
      await fs.promises.rm(contentFile, { force: true });
      written.push({ manifest, temporaryFile: tarFile, ...tar });
    }
    return written;
  } catch (error) {
    await Promise.all(temporary.map((file) => fs.promises.rm(file, { force: true })));
    throw error;
  } finally {
    // Closes the SQLite iterators when the writer stops early (refusal, disk full), freeing the connection.
    await records.return(undefined);
  }
}

interface Content {
  counts: Record<string, number>;
  records: number;
  sha256: string;
  size: number;
  next: IteratorResult<Line, undefined>;
}

const BATCH_CHARS = 64 * 1024;

async function writeContent(
  file: string,
  first: IteratorResult<Line, undefined>,
  records: Lines,
  maxRecords: number,
): Promise<Content> {
  const counts: Record<string, number> = {};
  let taken = 0;
  let next = first;
  async function* batches(): AsyncGenerator<string> {
    let batch = "";
    while (!next.done && taken < maxRecords) {
      counts[next.value.type] = (counts[next.value.type] ?? 0) + 1;
      batch += next.value.line;
      taken += 1;
      const pulled = records.next();
      // Only a bundle-file source is asynchronous; the cache's rows are taken without a microtask each.
      next = pulled instanceof Promise ? await pulled : pulled;
      if (batch.length >= BATCH_CHARS) {
        yield batch;
        batch = "";
      }
    }
    if (batch !== "") yield batch;
  }
  const hash = createHash("sha256");
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
  });
  await pipeline(
    Readable.from(batches()),
    createGzip(),
    measure,
    fs.createWriteStream(file, { mode: 0o600, flags: "wx" }),
  );
  return { counts, records: taken, sha256: hash.digest("hex"), size, next };
}
