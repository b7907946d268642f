/**
 * The hourly request budget of one credential. Bitbucket counts about 1,000 requests per user over a
 * rolling hour (api-notes.md §2), and every run of this install (cron, by hand) spends from the same
 * allowance, so the count lives in a ledger that outlives the process. A run is given what is left of
 * the hour as its request budget; when that is spent it stops cleanly and the next run resumes.
 */

/** Where requests are counted: per credential, with timestamps (the store's request_ledger). */
export interface RequestLedger {
  /** Adds `count` requests sent at `atMs` (epoch milliseconds). */
  add(credential: string, atMs: number, count: number): void;
  /** Requests recorded at or after `sinceMs`. */
  usedSince(credential: string, sinceMs: number): number;
}

/** What the limiter needs. */
export interface HourlyLimiterDeps {
  /** A non-secret name of the credential (its kind and workspace), never the token. */
  credential: string;
  /** Requests allowed per rolling hour. */
  limit: number;
  ledger: RequestLedger;
  now: () => number;
}

/** The rolling-hour budget of one credential. */
export interface HourlyLimiter {
  readonly credential: string;
  readonly limit: number;
  /** Requests recorded in the last hour. */
  usedLastHour(): number;
  /** Requests still allowed in the current rolling hour (never negative). */
  remaining(): number;
  /** Records that `count` more requests were sent now. */
  record(count: number): void;
}

const hourMs = 60 * 60 * 1000;

/** Creates the limiter of one credential over a ledger. */
export function createHourlyLimiter(deps: HourlyLimiterDeps): HourlyLimiter {
  if (!Number.isInteger(deps.limit) || deps.limit <= 0) {
    throw new RangeError(`hourly request budget must be a whole number > 0, got ${deps.limit}`);
  }
  const usedLastHour = () => deps.ledger.usedSince(deps.credential, deps.now() - hourMs);
  return {
    credential: deps.credential,
    limit: deps.limit,
    usedLastHour,
    remaining: () => Math.max(0, deps.limit - usedLastHour()),
    record(count) {
      if (count > 0) deps.ledger.add(deps.credential, deps.now(), count);
    },
  };
}
