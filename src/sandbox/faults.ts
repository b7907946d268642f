/**
 * Fault injection for the sandbox: throttling, server errors, connection resets and latency, at
 * random (from a seeded PRNG, so a run repeats) or deterministically (`failNext`). Throttling
 * looks like Bitbucket's: HTTP 429, `Content-Type: text/plain`, body "Rate limit for this
 * resource has been exceeded" and, by default, no Retry-After (api-notes §2, observed traffic).
 */
import { createRandom, mixSeed } from "./random.ts";

/** One deterministic failure rule: the next `times` requests whose path contains `pathIncludes`. */
export interface FailNextRule {
  /** An HTTP status to answer with, or "reset" to drop the connection without a response. */
  status: number | "reset";
  /** How many matching requests fail (default 1). */
  times?: number;
  /** Only requests whose path contains this string (default: every request). */
  pathIncludes?: string;
  /** Adds `Retry-After` (seconds) to the failure. */
  retryAfterSeconds?: number;
}

/** The fault knobs; every probability is 0–1 and defaults to 0. */
export interface FaultOptions {
  rate429?: number;
  /** Adds `Retry-After` to random 429s (Bitbucket usually sends none). */
  retryAfterSeconds?: number;
  /** Probability of a 500, 502 or 503. */
  rate5xx?: number;
  /** Probability of destroying the socket without answering. */
  resetRate?: number;
  /** Delay before every answer. */
  latencyMs?: number;
  failNext?: FailNextRule[];
  /**
   * Leaves `next` out of pipeline and step pages although more pages exist, as Bitbucket does
   * (BCLOUD-13806, BCLOUD-20265; api-notes.md §3): `true` on every page, a number as the
   * probability per page. Clients must then page by number and stop on a short page.
   */
  omitPipelineNext?: boolean | number;
  /** Seed of the fault PRNG (default: the model's seed). */
  seed?: number;
}

/** What to do with one request. */
export type FaultDecision =
  | { kind: "none" }
  | { kind: "reset" }
  | { kind: "respond"; status: number; contentType: string; body: string; headers: Record<string, string> };

/** Decides, request by request, which fault (if any) to inject. */
export interface FaultInjector {
  decide(pathname: string): FaultDecision;
  latencyMs(): number;
  /** Whether this pipeline or step page leaves out its `next` link (one draw per page). */
  omitPipelineNext(): boolean;
  /** Replaces the knobs and restarts the PRNG, so the same sequence of requests fails the same way. */
  set(options: FaultOptions): void;
}

/** Creates an injector; `defaultSeed` seeds the PRNG unless the options carry a seed. */
export function createFaultInjector(options: FaultOptions, defaultSeed: number): FaultInjector {
  let knobs: FaultOptions = {};
  let rules: Array<FailNextRule & { left: number }> = [];
  let random = createRandom(0);
  // A stream of its own, so turning this knob on does not shift the sequence of the others.
  let pages = createRandom(0);
  const set = (next: FaultOptions) => {
    knobs = { ...next };
    rules = (next.failNext ?? []).map((rule) => ({ ...rule, left: rule.times ?? 1 }));
    random = createRandom(mixSeed(next.seed ?? defaultSeed, 5));
    pages = createRandom(mixSeed(next.seed ?? defaultSeed, 6));
  };
  set(options);
  return {
    set,
    latencyMs: () => knobs.latencyMs ?? 0,
    omitPipelineNext() {
      const knob = knobs.omitPipelineNext ?? false;
      const draw = pages.next();
      return typeof knob === "boolean" ? knob : draw < knob;
    },
    decide(pathname) {
      const rule = rules.find((r) => r.left > 0 && pathname.includes(r.pathIncludes ?? ""));
      if (rule) {
        rule.left--;
        return rule.status === "reset" ? { kind: "reset" } : failure(rule.status, rule.retryAfterSeconds);
      }
      // Always draw the same number of values, so one knob does not shift the others' sequence.
      const [reset, throttle, broken, which] = [random.next(), random.next(), random.next(), random.next()];
      if (reset < (knobs.resetRate ?? 0)) return { kind: "reset" };
      if (throttle < (knobs.rate429 ?? 0)) return failure(429, knobs.retryAfterSeconds);
      if (broken < (knobs.rate5xx ?? 0)) return failure([500, 502, 503][Math.floor(which * 3)] ?? 500);
      return { kind: "none" };
    },
  };
}

function failure(status: number, retryAfterSeconds?: number): FaultDecision {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { "Retry-After": String(retryAfterSeconds) };
  if (status === 429) {
    return {
      kind: "respond",
      status,
      contentType: "text/plain",
      body: "Rate limit for this resource has been exceeded",
      headers,
    };
  }
  if (status === 502 || status === 503) {
    // These come from the edge, not the API, so they are HTML rather than a JSON error.
    const body = `<html><body><h1>${status}</h1><p>The service is temporarily unavailable.</p></body></html>`;
    return { kind: "respond", status, contentType: "text/html", body, headers };
  }
  const message =
    status === 401
      ? "Access token expired. Use your refresh token to obtain a new access token."
      : "Something went wrong";
  const body = JSON.stringify({ type: "error", error: { message } });
  return { kind: "respond", status, contentType: "application/json; charset=utf-8", body, headers };
}
