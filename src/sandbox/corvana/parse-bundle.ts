/**
 * Corvana's reading of an uploaded bundle, written from docs/bundle-format.md alone (no product code): a
 * ustar archive of exactly manifest.json, manifest.sig and records.ndjson.gz, every header checksum right and
 * formatted as the format says, zero padding, a two-block trailer and nothing after it.
 */
import { createHash } from "node:crypto";

/** The three entries of a bundle, or why the bytes are not one. */
export type ParsedBundle =
  | { ok: true; manifestBytes: Buffer; signature: Buffer; records: Buffer; manifest: Record<string, unknown> }
  | { ok: false; reason: string };

const names = ["manifest.json", "manifest.sig", "records.ndjson.gz"];

/** Splits a bundle into its entries, refusing anything that is not exactly the documented layout. */
export function parseBundle(body: Buffer): ParsedBundle {
  const entries: Buffer[] = [];
  let offset = 0;
  for (const expected of names) {
    const header = body.subarray(offset, offset + 512);
    if (header.length < 512) return { ok: false, reason: "truncated archive" };
    const checksumField = header.toString("latin1", 148, 156);
    if (!/^[0-7]{6}\0 $/.test(checksumField)) return { ok: false, reason: "malformed header checksum" };
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : (header[i] ?? 0);
    if (sum !== Number.parseInt(checksumField.slice(0, 6), 8)) return { ok: false, reason: "bad header checksum" };
    const name = header.toString("latin1", 0, 100).replace(/\0+$/, "");
    if (name !== expected) return { ok: false, reason: `expected ${expected}, found ${name}` };
    if (header.toString("latin1", 156, 157) !== "0" || header.toString("latin1", 257, 265) !== "ustar\u000000") {
      return { ok: false, reason: "not a ustar regular file" };
    }
    const sizeField = header.toString("latin1", 124, 136);
    if (!/^[0-7]{11}\0$/.test(sizeField)) return { ok: false, reason: "malformed size" };
    const size = Number.parseInt(sizeField.slice(0, 11), 8);
    const start = offset + 512;
    const end = start + Math.ceil(size / 512) * 512;
    if (end > body.length) return { ok: false, reason: "truncated entry" };
    if (body.subarray(start + size, end).some((b) => b !== 0)) return { ok: false, reason: "non-zero padding" };
    entries.push(body.subarray(start, start + size));
    offset = end;
  }
  const trailer = body.subarray(offset);
  if (trailer.length !== 1024 || trailer.some((b) => b !== 0)) return { ok: false, reason: "bad end of archive" };
  const [manifestBytes, signature, records] = entries as [Buffer, Buffer, Buffer];
  let manifest: unknown;
  try {
    manifest = JSON.parse(manifestBytes.toString("utf8"));
  } catch {
    return { ok: false, reason: "manifest.json is not JSON" };
  }
  if (typeof manifest !== "object" || manifest === null) return { ok: false, reason: "manifest.json is not an object" };
  return { ok: true, manifestBytes, signature, records, manifest: manifest as Record<string, unknown> };
}

/** SHA-256 as lowercase hex. */
export function sha256Hex(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}
