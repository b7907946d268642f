/**
 * The writer's refusal (DESIGN §2, layer 3): a record that does not fit its strict schema stops the bundle.
 * The message names the record type, the fields outside the allowlist and the fields with a wrong shape —
 * never a value, which could be exactly the content that must not leak.
 */
import type { z } from "zod";
import { BadDataError } from "../errors.ts";
import type { BundleRecord } from "./record-type.ts";

/** A record was refused; no bundle was written. */
export class BundleRefusedError extends BadDataError {
  readonly recordType: string;
  /** Keys that are not on the allowlist. */
  readonly unlistedFields: readonly string[];
  /** Allowlisted fields whose value does not have the allowed shape. */
  readonly invalidFields: readonly string[];

  constructor(recordType: string, unlistedFields: string[], invalidFields: string[]) {
    const parts = [
      unlistedFields.length > 0 ? `fields not on the allowlist: ${unlistedFields.join(", ")}` : undefined,
      invalidFields.length > 0 ? `values of the wrong shape in: ${invalidFields.join(", ")}` : undefined,
    ].filter((part) => part !== undefined);
    super(`Refused to write the bundle: a ${recordType} record has ${parts.join("; ")}. Nothing was written.`, {
      hint: "This is a bug in corvana-bb (the cache holds something the bundle allowlist does not); please report it.",
    });
    this.name = "BundleRefusedError";
    this.recordType = recordType;
    this.unlistedFields = unlistedFields;
    this.invalidFields = invalidFields;
  }
}

/** Builds the refusal for a record that failed `error` (undefined: its type is not on the allowlist at all). */
export function refuseRecord(
  recordType: string,
  record: BundleRecord,
  error: z.ZodError | undefined,
): BundleRefusedError {
  if (error === undefined) return new BundleRefusedError(recordType, [], ["type (not a record type on the allowlist)"]);
  const unlisted = new Set<string>();
  const invalid = new Set<string>();
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") for (const key of issue.keys) unlisted.add(key);
    else invalid.add(issue.path.map(String).join(".") || "(record)");
  }
  // A key can only be judged unlisted when it is present; keep the list in the record's own order.
  const ordered = Object.keys(record).filter((key) => unlisted.has(key));
  return new BundleRefusedError(recordType, ordered, [...invalid]);
}
