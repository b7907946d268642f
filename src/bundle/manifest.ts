/**
 * The bundle manifest (docs/bundle-format.md): what a bundle is, whose it is, which sync runs it covers,
 * how many records of each type it holds, and the SHA-256 of its records — signed as a whole with Ed25519.
 */
import { z } from "zod";

/** The entries of a bundle, in the order they appear in the tar. */
export const ENTRY = {
  manifest: "manifest.json",
  signature: "manifest.sig",
  records: "records.ndjson.gz",
} as const;

/** The format name every manifest carries. */
export const BUNDLE_FORMAT = "corvana-bb-bundle";
/** The format version this code writes, and the only one it reads. */
export const FORMAT_VERSION = 1;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const runId = z.number().int().nonnegative();

/** The manifest as read back (unknown keys are ignored; the signature covers them all the same). */
export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  format_version: z.literal(FORMAT_VERSION),
  bundle_id: z.uuidv4(),
  created_at: z.iso.datetime(),
  collector: z.object({ id: z.string().min(1).nullable(), version: z.string() }),
  source: z.string(),
  workspace: z.string().min(1),
  window: z.object({
    scope: z.enum(["delta", "all"]),
    after_run: runId,
    through_run: runId,
    after: z.iso.datetime().nullable(),
    through: z.iso.datetime().nullable(),
  }),
  part: z.object({ of: z.uuidv4(), index: z.number().int().positive(), last: z.boolean() }).nullable(),
  counts: z.record(z.string(), z.number().int().nonnegative()),
  records: z.number().int().nonnegative(),
  content: z.object({
    entry: z.literal(ENTRY.records),
    media_type: z.literal("application/x-ndjson"),
    encoding: z.literal("gzip"),
    sha256: sha256Hex,
    size: z.number().int().nonnegative(),
  }),
  signer: z.object({
    algorithm: z.literal("ed25519"),
    public_key: z.string().min(1),
    fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
  }),
});

/** A bundle manifest. */
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest's bytes as written and signed: indented JSON, so `tar -xOf b.tar manifest.json` reads well. */
export function serializeManifest(manifest: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
}
