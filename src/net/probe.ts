/**
 * One bounded HTTP request for `doctor`: did the server answer at all, with which status, and what does
 * its `Date` header say about this machine's clock. Any HTTP answer (even 401 or 404) proves the server is
 * reachable; only an answer-less failure counts as unreachable. The body is read and dropped.
 */
import { type Dispatcher, request } from "undici";
import { describeNetworkError, type NetworkFailure } from "./network-error.ts";

/** What to send. */
export interface ProbeRequest {
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  now?: () => number;
}

/** The answer, or why there was none. */
export type ProbeResult =
  | {
      ok: true;
      status: number;
      /** Lower-case header names; repeated headers joined with ", ". */
      headers: Record<string, string>;
      /** Local clock minus server clock in ms, from the Date header (undefined without one). */
      clockSkewMs: number | undefined;
      elapsedMs: number;
    }
  | { ok: false; failure: NetworkFailure; elapsedMs: number };

/** Sends the request and never throws for network failures. */
export async function probeHttp(probe: ProbeRequest): Promise<ProbeResult> {
  const now = probe.now ?? Date.now;
  const started = now();
  const timeoutMs = probe.timeoutMs ?? 10_000;
  try {
    const response = await request(probe.url, {
      method: probe.method ?? "GET",
      headers: probe.headers ?? {},
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
      ...(probe.dispatcher === undefined ? {} : { dispatcher: probe.dispatcher }),
    });
    await response.body.dump();
    const finished = now();
    const headers = flatten(response.headers);
    return {
      ok: true,
      status: response.statusCode,
      headers,
      clockSkewMs: skew(headers.date, started, finished),
      elapsedMs: finished - started,
    };
  } catch (error) {
    return { ok: false, failure: describeNetworkError(error), elapsedMs: now() - started };
  }
}

/**
 * The server's Date has one-second resolution and was stamped somewhere between sending and receiving,
 * so the local clock is compared with the middle of the exchange, and half a second is forgiven.
 */
function skew(date: string | undefined, started: number, finished: number): number | undefined {
  if (date === undefined) return undefined;
  const server = Date.parse(date);
  if (Number.isNaN(server)) return undefined;
  const local = (started + finished) / 2;
  const difference = local - (server + 500);
  return Math.abs(difference) <= 500 ? 0 : difference;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}
