/**
 * Reads a bundle's structure strictly: exactly the three entries in order, each header byte-for-byte the
 * canonical one, zero padding, the two-block trailer, and nothing after it. Anything else is not a bundle
 * this version wrote, or a damaged one — so a changed byte outside the signed and hashed parts is caught too.
 */
import { BadDataError } from "../errors.ts";
import type { BundleSource } from "./bundle-source.ts";
import { ENTRY, type Manifest, manifestSchema } from "./manifest.ts";
import { BLOCK, parseHeader, TRAILER } from "./ustar.ts";

/** A bundle whose structure checked out; the signature and digest are checked by verifyBundle. */
export interface OpenedBundle {
  source: BundleSource;
  /** The manifest exactly as signed. */
  manifestBytes: Buffer;
  manifest: Manifest;
  signature: Buffer;
  /** Where the compressed records are. */
  content: { offset: number; size: number };
}

/** The manifest is small; a larger first entry means this is not a bundle. */
const MAX_MANIFEST_BYTES = 1 << 20;

/** A file that is not a well-formed bundle. */
export class NotABundleError extends BadDataError {
  constructor(reason: string) {
    super(`This is not an intact corvana-bb bundle: ${reason}.`, {
      hint: "The file was changed or damaged after it was written; export the bundle again from the collector host.",
    });
    this.name = "NotABundleError";
  }
}

/** Checks the structure and returns the parts; throws NotABundleError. */
export async function readBundle(source: BundleSource): Promise<OpenedBundle> {
  let offset = 0;
  const entry = async (name: string, maxSize: number) => {
    const header = parseHeader(await source.read(offset, BLOCK));
    if (header === undefined) throw new NotABundleError(`the tar header at byte ${offset} is not the expected one`);
    if (header.name !== name) throw new NotABundleError(`expected ${name} at byte ${offset}, found ${header.name}`);
    if (header.size > maxSize) throw new NotABundleError(`${name} is too large`);
    const dataOffset = offset + BLOCK;
    const padded = Math.ceil(header.size / BLOCK) * BLOCK;
    if (dataOffset + padded > source.size) throw new NotABundleError(`${name} is cut short`);
    const pad = await source.read(dataOffset + header.size, padded - header.size);
    if (pad.some((byte) => byte !== 0)) throw new NotABundleError(`the padding after ${name} is not zero`);
    offset = dataOffset + padded;
    return { offset: dataOffset, size: header.size };
  };

  const manifestAt = await entry(ENTRY.manifest, MAX_MANIFEST_BYTES);
  const signatureAt = await entry(ENTRY.signature, 64);
  const content = await entry(ENTRY.records, Number.MAX_SAFE_INTEGER);
  if (source.size !== offset + TRAILER.length) {
    throw new NotABundleError(source.size < offset + TRAILER.length ? "the end is missing" : "bytes follow the end");
  }
  if (!(await source.read(offset, TRAILER.length)).equals(TRAILER)) {
    throw new NotABundleError("the end-of-archive blocks are not zero");
  }

  const manifestBytes = await source.read(manifestAt.offset, manifestAt.size);
  let json: unknown;
  try {
    json = JSON.parse(manifestBytes.toString("utf8"));
  } catch {
    throw new NotABundleError("manifest.json is not JSON");
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join(".") || "(manifest)"))];
    throw new NotABundleError(`manifest.json is not a version-1 manifest (${fields.slice(0, 5).join(", ")})`);
  }
  return {
    source,
    manifestBytes,
    manifest: parsed.data,
    signature: await source.read(signatureAt.offset, signatureAt.size),
    content,
  };
}
