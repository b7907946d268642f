/**
 * Retry policy around one request function: 429, 500/502/503/504 and network errors are retried
 * with exponential backoff and jitter. Bitbucket's 429 is plain text and usually has no
 * Retry-After (api-notes.md §2), so throttling backs off longer and pauses the whole client;
 * a Retry-After, when present, is honoured (RFC 9110 §10.2.3).
 */
import { TemporaryError } from "../errors.ts";
import type { Throttle } from "./throttle.ts";
import type { RequestFn } from "./transport.ts";
import type { BitbucketEvent } from "./types.ts";
import { pathOf } from "./url-path.ts";

/** Delay of retry n (1-based): uniform in [floor, min(cap, base · 2^(n-1))]; a floor of 0 is "full jitter". */
export interface BackoffPolicy {
  floorMs: number;
  baseMs: number;
  capMs: number;
}

/** The numbers of the retry policy; all configurable so tests can use tiny ones. */
export interface RetryOptions {
  /** Attempts per request, the first one included. */
  maxAttempts: number;
  /** Backoff after a 5xx or a network error. */
  serverError: BackoffPolicy;
  /** Backoff after a 429 without Retry-After. */
  throttled: BackoffPolicy;
  /** A Retry-After longer than this ends the run (as a temporary failure) instead of blocking it. */
  maxRetryAfterMs: number;
}

/** Defaults from api-notes.md §2: 5xx from ~1 s up to 60 s; 429 from 10–30 s up to 5 min. */
export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 6,
  serverError: { floorMs: 0, baseMs: 1_000, capMs: 60_000 },
  throttled: { floorMs: 10_000, baseMs: 30_000, capMs: 300_000 },
  maxRetryAfterMs: 900_000,
};

/** What the retry wrapper needs. */
export interface RetryDeps {
  options: RetryOptions;
  /** The client's shared pause; the wrapped function must await it before sending. */
  throttle: Throttle;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  /** A number in [0, 1), like Math.random. */
  random: () => number;
  report: (event: BitbucketEvent) => void;
}

const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

const NETWORK_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/** Wraps a request function with the retry policy; gives up with a TemporaryError naming the endpoint. */
export function withRetry(send: RequestFn, deps: RetryDeps): RequestFn {
  const { options } = deps;
  return async (request) => {
    const path = pathOf(request.url);
    for (let attempt = 1; ; attempt += 1) {
      let outcome: string;
      let retryAfterMs: number | undefined;
      let throttled = false;
      try {
        const response = await send(request);
        deps.report({ type: "response", path, status: response.status, attempt });
        if (!RETRIED_STATUSES.has(response.status)) return response;
        outcome = `HTTP ${response.status}`;
        throttled = response.status === 429;
        retryAfterMs = parseRetryAfter(response.headers["retry-after"], deps.now());
      } catch (error) {
        const code = networkErrorCode(error);
        if (code === undefined || request.signal?.aborted === true) throw error;
        outcome = code;
      }
      if (attempt >= options.maxAttempts) {
        throw new TemporaryError(`Bitbucket kept failing for ${path} (last: ${outcome}) after ${attempt} attempts.`);
      }
      if (retryAfterMs !== undefined && retryAfterMs > options.maxRetryAfterMs) {
        throw new TemporaryError(
          `Bitbucket asked to wait ${Math.ceil(retryAfterMs / 1000)} s before retrying ${path} (${outcome}).`,
        );
      }
      const policy = throttled ? options.throttled : options.serverError;
      const delayMs = retryAfterMs ?? backoffDelay(attempt, policy, deps.random);
      deps.report({ type: "retry", path, reason: outcome, attempt, delayMs });
      if (throttled) {
        // The next attempt (and every other request of this client) waits in the shared pause.
        deps.throttle.pauseFor(delayMs);
        deps.report({ type: "throttled", path, pauseMs: delayMs });
      } else {
        await deps.sleep(delayMs);
      }
    }
  };
}

/** The jittered delay before retry number `attempt` (1-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (attempt - 1));
  const floor = Math.min(policy.floorMs, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}

/** Reads a Retry-After header (delta-seconds or an HTTP date) as milliseconds from now. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP-date form starts with the day name (RFC 9110 §5.6.7); Date.parse alone accepts "-5".
  if (!/^[A-Za-z]/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function networkErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return code;
  if (/socket hang up/i.test(error.message)) return "socket hang up";
  return undefined;
}
