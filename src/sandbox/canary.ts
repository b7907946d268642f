/**
 * Canary strings: every free-text or personal value the sandbox serves carries one, so a test can
 * scan a database, a bundle or a log for the marker and prove that no content leaked into it.
 * Identifiers that may legitimately be stored (slugs, uuids, ids, hashes, keys, timestamps)
 * never contain the marker.
 */

/** The marker every canary value contains; tests search stored data for it. */
export const CANARY = "CNRY";

/** A unique canary value for one field of one entity, e.g. `CNRY-title-r3-p17`. */
export function canary(field: string, ...ids: ReadonlyArray<string | number>): string {
  return [CANARY, field, ...ids].join("-");
}
