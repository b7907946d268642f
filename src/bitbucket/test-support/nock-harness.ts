/**
 * Test support for the client's HTTP tests (never imported by production code): a strict nock
 * harness that fails a test on any unmatched request or unused interceptor, a fake clock whose
 * sleep records delays instead of waiting, and a seeded random.
 */
import nock from "nock";
import { afterEach, beforeEach, expect } from "vitest";
import { type BitbucketClient, type BitbucketClientDeps, createBitbucketClient } from "../client.ts";

/** The API origin the tests mock. */
export const ORIGIN = "https://api.bitbucket.org";
/** The API base the client is configured with. */
export const BASE = `${ORIGIN}/2.0`;
/** A token that must never show up in an error message. */
export const TOKEN = "tok-SECRET-7f3a9c";
/** The version the tests put in the User-Agent. */
export const VERSION = "9.8.7";

/** Installs the strict harness around every test of the calling file. */
export function useStrictNock(): void {
  const unmatched: string[] = [];
  const onNoMatch = (request: { method?: string; url?: string; path?: string }) => {
    unmatched.push(`${request.method ?? "?"} ${request.url ?? request.path ?? "?"}`);
  };
  beforeEach(() => {
    nock.disableNetConnect();
    nock.emitter.on("no match", onNoMatch);
  });
  afterEach(() => {
    nock.emitter.removeListener("no match", onNoMatch);
    const pending = nock.pendingMocks();
    const stray = unmatched.splice(0);
    nock.cleanAll();
    nock.enableNetConnect();
    expect(stray, "requests no interceptor matched").toEqual([]);
    expect(pending, "interceptors never used").toEqual([]);
  });
}

/** A clock that only moves when the code under test sleeps; every sleep is recorded. */
export function fakeTime(start = Date.UTC(2025, 0, 1)) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

/** A seeded random in [0, 1) (mulberry32), so jittered delays are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Small, fast retry numbers for tests. */
export const TEST_RETRY = {
  maxAttempts: 4,
  serverError: { floorMs: 0, baseMs: 100, capMs: 1_000 },
  throttled: { floorMs: 1_000, baseMs: 3_000, capMs: 30_000 },
  maxRetryAfterMs: 60_000,
};

/** A client against the mocked origin with a fake clock; deps can be overridden. */
export function testClient(
  overrides: Partial<BitbucketClientDeps> = {},
): BitbucketClient & { time: ReturnType<typeof fakeTime> } {
  const time = fakeTime();
  const client = createBitbucketClient({
    baseUrl: BASE,
    getAccessToken: async () => TOKEN,
    userAgentVersion: VERSION,
    now: time.now,
    sleep: time.sleep,
    random: seededRandom(42),
    retry: TEST_RETRY,
    ...overrides,
  });
  return Object.assign(client, { time });
}

/** A reply function factory that records each request it answers (nock 15 hands it a fetch Request). */
export function recorder() {
  const requests: Request[] = [];
  const seen: string[] = [];
  const reply =
    (body: unknown, status = 200, headers: Record<string, string> = { "content-type": "application/json" }) =>
    (request: Request): [number, string, Record<string, string>] => {
      requests.push(request);
      const url = new URL(request.url);
      seen.push(`${url.pathname}${url.search}`);
      return [status, typeof body === "string" ? body : JSON.stringify(body), headers];
    };
  return { requests, seen, reply };
}

/** Drains a paginated listing into its pages. */
export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}
