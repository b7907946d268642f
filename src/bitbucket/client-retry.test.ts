import nock from "nock";
import { describe, expect, it, vi } from "vitest";
import { PartialProgressError, TemporaryError } from "../errors.ts";
import { backoffDelay } from "./retry.ts";
import {
  BASE,
  collect,
  ORIGIN,
  seededRandom,
  TEST_RETRY,
  testClient,
  useStrictNock,
} from "./test-support/nock-harness.ts";
import { repositoryPayload } from "./test-support/payloads.ts";

useStrictNock();

const USER = { uuid: "{00000000-0000-4000-8000-0000000000aa}" };
const RATE_LIMITED = "Rate limit for this resource has been exceeded";

function networkError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe("retry", () => {
  it("retries a plain-text 429 without Retry-After with jittered backoff and succeeds", async () => {
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .reply(429, RATE_LIMITED, { "content-type": "text/plain" })
      .get("/2.0/user")
      .query(true)
      .reply(200, USER);
    const client = testClient();
    expect(await client.getCurrentUser()).toEqual(USER);
    const expected = backoffDelay(1, TEST_RETRY.throttled, seededRandom(42));
    expect(client.time.sleeps).toEqual([expected]);
    expect(expected).toBeGreaterThanOrEqual(TEST_RETRY.throttled.floorMs);
    expect(client.stats).toEqual({ requests: 2, retries: 1, throttled: 1, budget: undefined });
  });

  it("backs off exponentially over repeated 429s", async () => {
    const scope = nock(ORIGIN);
    for (let i = 0; i < 3; i += 1) scope.get("/2.0/user").query(true).reply(429, RATE_LIMITED);
    scope.get("/2.0/user").query(true).reply(200, USER);
    const client = testClient({ random: () => 0.999_999 });
    await client.getCurrentUser();
    expect(client.time.sleeps).toEqual([3_000, 6_000, 12_000]);
  });

  it("honours Retry-After in seconds", async () => {
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .reply(429, RATE_LIMITED, { "retry-after": "7" })
      .get("/2.0/user")
      .query(true)
      .reply(200, USER);
    const client = testClient();
    await client.getCurrentUser();
    expect(client.time.sleeps).toEqual([7_000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    const client = testClient();
    const at = new Date(client.time.now() + 20_000).toUTCString();
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .reply(503, "busy", { "retry-after": at })
      .get("/2.0/user")
      .query(true)
      .reply(200, USER);
    await client.getCurrentUser();
    expect(client.time.sleeps).toEqual([20_000]);
  });

  it("stops with a TemporaryError when Retry-After asks for longer than allowed", async () => {
    nock(ORIGIN).get("/2.0/user").query(true).reply(429, RATE_LIMITED, { "retry-after": "3600" });
    const client = testClient();
    await expect(client.getCurrentUser()).rejects.toThrow(/asked to wait 3600 s before retrying \/2\.0\/user/);
    expect(client.time.sleeps).toEqual([]);
  });

  it("pauses a concurrent request too when one request is throttled (shared pause)", async () => {
    let time = 0;
    const sleeping: { ms: number; wake: () => void }[] = [];
    const sleep = (ms: number) => new Promise<void>((wake) => sleeping.push({ ms, wake }));
    const workspace = { uuid: "{00000000-0000-4000-8000-0000000000bb}", slug: "acme" };
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .reply(429, RATE_LIMITED, { "retry-after": "30" })
      .get("/2.0/user")
      .query(true)
      .reply(200, USER);
    const workspaceScope = nock(ORIGIN).get("/2.0/workspaces/acme").query(true).reply(200, workspace);
    const client = testClient({ now: () => time, sleep });

    const user = client.getCurrentUser();
    await vi.waitFor(() => expect(sleeping).toHaveLength(1));
    const other = client.getWorkspace("acme");
    await vi.waitFor(() => expect(sleeping).toHaveLength(2));
    // Both wait out the same pause, and the second request has not been sent.
    expect(sleeping.map((s) => s.ms)).toEqual([30_000, 30_000]);
    expect(workspaceScope.isDone()).toBe(false);

    time += 30_000;
    for (const s of sleeping.splice(0)) s.wake();
    expect(await user).toEqual(USER);
    expect(await other).toEqual(workspace);
    expect(client.stats.throttled).toBe(1);
  });

  it("gives up after the maximum attempts of 503 with a TemporaryError naming the endpoint", async () => {
    nock(ORIGIN).get("/2.0/repositories/acme").query(true).times(TEST_RETRY.maxAttempts).reply(503, "unavailable");
    const client = testClient();
    const error = await collect(client.listRepositories("acme")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TemporaryError);
    expect((error as Error).message).toBe(
      `Bitbucket kept failing for /2.0/repositories/acme (last: HTTP 503) after ${TEST_RETRY.maxAttempts} attempts.`,
    );
    expect(client.time.sleeps).toHaveLength(TEST_RETRY.maxAttempts - 1);
    expect(client.stats.requests).toBe(TEST_RETRY.maxAttempts);
  });

  it.each([500, 502, 504])("retries HTTP %i", async (status) => {
    nock(ORIGIN).get("/2.0/user").query(true).reply(status, "oops").get("/2.0/user").query(true).reply(200, USER);
    const client = testClient();
    expect(await client.getCurrentUser()).toEqual(USER);
    expect(client.stats.retries).toBe(1);
  });

  it("retries a connection reset", async () => {
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .replyWithError(networkError("ECONNRESET", "read ECONNRESET"))
      .get("/2.0/user")
      .query(true)
      .reply(200, USER);
    const client = testClient();
    expect(await client.getCurrentUser()).toEqual(USER);
    expect(client.time.sleeps).toHaveLength(1);
    expect(client.stats.retries).toBe(1);
  });

  it("retries a socket hang up and names it when giving up", async () => {
    nock(ORIGIN).get("/2.0/user").query(true).times(TEST_RETRY.maxAttempts).replyWithError(new Error("socket hang up"));
    await expect(testClient().getCurrentUser()).rejects.toThrow(/\/2\.0\/user \(last: socket hang up\)/);
  });

  it("retries a timeout reported by undici", async () => {
    nock(ORIGIN)
      .get("/2.0/user")
      .query(true)
      .replyWithError(networkError("UND_ERR_HEADERS_TIMEOUT", "Headers Timeout Error"))
      .get("/2.0/user")
      .query(true)
      .reply(200, USER);
    const log = vi.fn();
    expect(await testClient({ log }).getCurrentUser()).toEqual(USER);
    expect(log).toHaveBeenCalledWith(expect.objectContaining({ type: "retry", reason: "UND_ERR_HEADERS_TIMEOUT" }));
  });

  it("does not retry a request aborted by the caller", async () => {
    const controller = new AbortController();
    nock(ORIGIN).get("/2.0/user").query(true).reply(503, "").get("/2.0/user").query(true).reply(200, USER);
    const client = testClient({
      signal: controller.signal,
      sleep: async () => controller.abort(new Error("interrupted")),
    });
    await expect(client.getCurrentUser()).rejects.toThrow("interrupted");
    expect(client.stats.requests).toBe(1);
    nock.cleanAll(); // the second reply is never asked for: that is the point
  });

  it("does not retry an error that is not a network failure", async () => {
    nock(ORIGIN).get("/2.0/user").query(true).replyWithError(new Error("something else"));
    const client = testClient();
    await expect(client.getCurrentUser()).rejects.toThrow("something else");
    expect(client.stats.requests).toBe(1);
  });
});

describe("request budget", () => {
  it("stops the run before the request that would exceed it, with PartialProgressError", async () => {
    nock(ORIGIN)
      .get("/2.0/repositories/acme")
      .query(true)
      .reply(200, { values: [repositoryPayload(1)], next: `${BASE}/repositories/acme?page=2` })
      .get("/2.0/repositories/acme")
      .query({ page: "2" })
      .reply(200, { values: [repositoryPayload(2)], next: `${BASE}/repositories/acme?page=3` });
    const client = testClient({ requestBudget: 2 });
    const slugs: string[] = [];
    const error = await (async () => {
      for await (const page of client.listRepositories("acme")) slugs.push(...page.values.map((r) => r.slug));
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PartialProgressError);
    expect(slugs).toEqual(["repo-1", "repo-2"]);
    expect(client.stats).toMatchObject({ requests: 2, budget: 2 });
  });

  it("counts retries against the budget", async () => {
    nock(ORIGIN).get("/2.0/user").query(true).times(2).reply(503, "unavailable");
    const client = testClient({ requestBudget: 2 });
    await expect(client.getCurrentUser()).rejects.toThrow(PartialProgressError);
    expect(client.stats.requests).toBe(2);
  });
});
