/**
 * The per-run request budget. Bitbucket allows about 1,000 requests an hour per credential
 * (api-notes.md §2); a run that spends its budget stops cleanly and the next run resumes.
 */
import { PartialProgressError } from "../errors.ts";

/** Counts every request sent, retries included, against an optional limit. */
export interface RequestBudget {
  /** Counts one request, or throws PartialProgressError, before it is sent, when the budget is spent. */
  consume: () => void;
  readonly used: number;
  /** undefined = no limit. */
  readonly limit: number | undefined;
}

/** Creates the budget of one run; `limit` undefined means unlimited. */
export function createRequestBudget(limit: number | undefined): RequestBudget {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
    throw new RangeError(`request budget must be a whole number ≥ 0, got ${limit}`);
  }
  let used = 0;
  return {
    consume() {
      if (limit !== undefined && used >= limit) {
        throw new PartialProgressError(
          `Stopped after ${used} Bitbucket requests: this run's request budget (${limit}) is spent.`,
        );
      }
      used += 1;
    },
    get used() {
      return used;
    },
    get limit() {
      return limit;
    },
  };
}
