/**
 * The registry of bundle record types, in the order a bundle holds them. This list IS the bundle allowlist:
 * the writer refuses anything else, `inspect` checks against it, and docs/data-collected.md is generated
 * from it (`node scripts/generate-data-collected.ts`). Adding a record type = one file in record-types/
 * plus one entry here (and the same fields in docs/ingest-api.md, which Corvana checks independently).
 */
import type { RecordType } from "./record-type.ts";
import { pullRequestRecord } from "./record-types/pull-request.ts";
import { repositoryRecord } from "./record-types/repository.ts";
import { reviewRecord } from "./record-types/review.ts";

/** Every record type a bundle may hold. */
export const recordTypes: readonly RecordType[] = [repositoryRecord, pullRequestRecord, reviewRecord];

/** A record type by its wire name, or undefined when it is not on the allowlist. */
export function findRecordType(name: string): RecordType | undefined {
  return recordTypes.find((type) => type.name === name);
}
