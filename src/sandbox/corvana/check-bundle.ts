/**
 * Corvana's acceptance checks for one uploaded bundle (docs/ingest-api.md › POST /v1/bundles), after the
 * bytes are known to be a bundle: the Ed25519 signature under the key ENROLLED for the collector (not the
 * key the bundle names), the records' SHA-256 and size, every record against the documented allowlist and
 * value rules, the per-type counts, and a scan for content that must never arrive (canaries, raw account uuids).
 */
import { createPublicKey, verify } from "node:crypto";
import { gunzipSync } from "node:zlib";
import { allowedFields, valueProblem } from "./allowed-fields.ts";
import { sha256Hex } from "./parse-bundle.ts";

/** A refusal: the `error` code and message of the 422 body. */
export interface Refusal {
  error: string;
  message: string;
}

/** What passed: the records, counted. */
export interface CheckedRecords {
  records: Record<string, unknown>[];
  counts: Record<string, number>;
}

/** The parts of a bundle the checks need. */
export interface BundleParts {
  manifest: Record<string, unknown>;
  manifestBytes: Buffer;
  signature: Buffer;
  records: Buffer;
}

/** Checks signature, digest, schema and content; returns the records or the refusal. */
export function checkBundle(
  parts: BundleParts,
  enrolledPublicKeyPem: string,
  forbidden: readonly string[],
): CheckedRecords | Refusal {
  let signed = false;
  try {
    signed = verify(null, parts.manifestBytes, createPublicKey(enrolledPublicKeyPem), parts.signature);
  } catch {
    signed = false;
  }
  if (!signed)
    return { error: "invalid_signature", message: "the manifest is not signed by the collector's enrolled key" };
  const content = parts.manifest.content as { sha256?: unknown; size?: unknown } | undefined;
  if (content?.sha256 !== sha256Hex(parts.records) || content?.size !== parts.records.length) {
    return { error: "digest_mismatch", message: "records.ndjson.gz does not match the manifest's sha256/size" };
  }
  let text: string;
  try {
    text = gunzipSync(parts.records).toString("utf8");
  } catch {
    return { error: "invalid_bundle", message: "records.ndjson.gz is not gzip" };
  }
  const scanned = `${parts.manifestBytes.toString("utf8")}\n${text}`;
  const found = forbidden.find((value) => value !== "" && scanned.includes(value));
  if (found !== undefined) {
    return {
      error: "content_detected",
      message: "the bundle carries content or personal identifiers that Corvana never accepts",
    };
  }
  const records: Record<string, unknown>[] = [];
  const counts: Record<string, number> = {};
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line === "" && index === lines.length - 1) break;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      return schemaViolation(index, "is not JSON");
    }
    if (typeof record !== "object" || record === null || Array.isArray(record))
      return schemaViolation(index, "is not an object");
    const { type, ...fields } = record as Record<string, unknown>;
    const allowed = typeof type === "string" ? allowedFields[type] : undefined;
    if (allowed === undefined) return schemaViolation(index, `has an unknown type ${JSON.stringify(type)}`);
    for (const [field, value] of Object.entries(fields)) {
      if (!allowed.includes(field))
        return schemaViolation(index, `(${type}) has a field not on the allowlist: ${field}`);
      const problem = valueProblem(field, value);
      if (problem !== undefined) return schemaViolation(index, `(${type}) field ${field} ${problem}`);
    }
    counts[type as string] = (counts[type as string] ?? 0) + 1;
    records.push(record as Record<string, unknown>);
  }
  const declared = (parts.manifest.counts ?? {}) as Record<string, unknown>;
  const types = new Set([...Object.keys(declared), ...Object.keys(counts)]);
  if (
    [...types].some(
      (type) => declared[type] !== (counts[type] ?? 0) && !(declared[type] === undefined && !counts[type]),
    )
  ) {
    return { error: "schema_violation", message: "the manifest's counts differ from the records" };
  }
  return { records, counts };
}

function schemaViolation(index: number, what: string): Refusal {
  return { error: "schema_violation", message: `record ${index + 1} ${what}` };
}
