/**
 * `bundle inspect`: what a bundle holds, for the security reviewer — counts per type, the fields present,
 * a few sample records, the signer, and whether every field is on this version's allowlist (or which are
 * not). Reads the records as a stream; needs no credentials and no network.
 */
import { openBundleFile } from "./bundle-source.ts";
import type { Manifest } from "./manifest.ts";
import { readBundle } from "./read-bundle.ts";
import { readRecords } from "./read-records.ts";
import { type AllowlistFinding, createRecordTally } from "./record-tally.ts";
import { type VerifyReport, verifyBundle } from "./verify-bundle.ts";

export type { AllowlistFinding } from "./record-tally.ts";

/** Everything `inspect` shows. */
export interface InspectReport {
  file: string;
  manifest: Manifest;
  verification: VerifyReport;
  /** Counted from the records themselves. */
  counts: Record<string, number>;
  countsMatchManifest: boolean;
  /** Per type, the fields that occur in at least one record (in first-seen order). */
  fields: Record<string, string[]>;
  samples: Record<string, Record<string, unknown>[]>;
  allowlist: {
    ok: boolean;
    /** Record types that are not on the allowlist. */
    unknownTypes: AllowlistFinding[];
    /** Fields outside their type's allowlist. */
    unlistedFields: AllowlistFinding[];
    /** Allowlisted fields with a value of the wrong shape. */
    invalidValues: AllowlistFinding[];
    /** Lines that are not JSON objects with a `type`. */
    unreadableLines: number;
  };
  /** Set when the records could not be read to the end (damaged compression). */
  recordsError: string | null;
}

/** Inspects a bundle file. Structural damage throws NotABundleError; everything else is reported. */
export async function inspectBundleFile(
  file: string,
  options: { samples?: number; expectedPublicKeyPem?: string } = {},
): Promise<InspectReport> {
  const source = await openBundleFile(file);
  try {
    const bundle = await readBundle(source);
    const verification = await verifyBundle(bundle, options.expectedPublicKeyPem);
    const tally = createRecordTally(options.samples ?? 2);
    let recordsError: string | null = null;
    try {
      for await (const line of readRecords(bundle)) {
        if ("invalid" in line || typeof line.record.type !== "string") tally.unreadable();
        else tally.add(line.record.type, line.record);
      }
    } catch (error) {
      recordsError = error instanceof Error ? error.message : String(error);
    }
    const { counts, fields, samples, ...findings } = tally.result();
    const declared = bundle.manifest.counts;
    const types = Object.keys({ ...counts, ...declared });
    const ok =
      findings.unknownTypes.length === 0 &&
      findings.unlistedFields.length === 0 &&
      findings.invalidValues.length === 0 &&
      findings.unreadableLines === 0 &&
      recordsError === null;
    return {
      file,
      manifest: bundle.manifest,
      verification,
      counts,
      countsMatchManifest: types.every((type) => (counts[type] ?? 0) === (declared[type] ?? 0)),
      fields,
      samples,
      allowlist: { ok, ...findings },
      recordsError,
    };
  } finally {
    await source.close();
  }
}
