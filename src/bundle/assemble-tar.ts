/**
 * Assembles a bundle file around its finished records: signs the manifest and writes the ustar archive —
 * manifest.json, manifest.sig, records.ndjson.gz, trailer — hashing every byte written, then syncs it to disk.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { ENTRY, type Manifest, serializeManifest } from "./manifest.ts";
import { type BundleSigner, signMessage } from "./signer.ts";
import { padding, TRAILER, tarHeader } from "./ustar.ts";

/** Writes the bundle to `file` (which must not exist); returns its size and SHA-256. */
export async function assembleTar(
  file: string,
  manifest: Manifest,
  signer: BundleSigner,
  contentFile: string,
  createdAt: Date,
): Promise<{ bytes: number; sha256: string }> {
  const manifestBytes = serializeManifest(manifest);
  const signature = signMessage(manifestBytes, signer.privateKeyPem);
  const mtime = Math.floor(createdAt.getTime() / 1000);
  const hash = createHash("sha256");
  let bytes = 0;
  const handle = await fs.promises.open(file, "wx", 0o600);
  const put = async (buffer: Buffer) => {
    hash.update(buffer);
    bytes += buffer.length;
    await handle.write(buffer);
  };
  try {
    for (const [name, data] of [
      [ENTRY.manifest, manifestBytes],
      [ENTRY.signature, signature],
    ] as const) {
      await put(tarHeader(name, data.length, mtime));
      await put(data);
      await put(padding(data.length));
    }
    await put(tarHeader(ENTRY.records, manifest.content.size, mtime));
    for await (const chunk of fs.createReadStream(contentFile, { highWaterMark: 1 << 20 })) await put(chunk as Buffer);
    await put(padding(manifest.content.size));
    await put(TRAILER);
    // A pending bundle must survive a crash: it is the only copy of its records' delivery.
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { bytes, sha256: hash.digest("hex") };
}
