/**
 * The BBQL `q` of a pull request listing. Values are validated and normalised here because they
 * end up inside a query language: a timestamp that is not one must never reach the server.
 */
import { normalizeTimestamp } from "./timestamps.ts";
import type { PullRequestFilter } from "./types.ts";

/** The BBQL filter of a pull request listing, or undefined for all of them. */
export function pullRequestQuery(filter: PullRequestFilter): string | undefined {
  const terms: string[] = [];
  if (filter.updatedAfter !== undefined) {
    const after = normalizeTimestamp(filter.updatedAfter);
    if (after === undefined) {
      throw new TypeError(`updatedAfter is not a timestamp: ${filter.updatedAfter}`);
    }
    // BBQL datetimes are unquoted, and UTC unless an offset is given (SPEC narrative › Filter and sort).
    terms.push(`updated_on>${after}`);
  }
  if (filter.afterId !== undefined) {
    if (!Number.isInteger(filter.afterId) || filter.afterId < 0) {
      throw new TypeError(`afterId must be a whole number, got ${filter.afterId}`);
    }
    terms.push(`id>${filter.afterId}`);
  }
  return terms.length === 0 ? undefined : terms.join(" AND ");
}
