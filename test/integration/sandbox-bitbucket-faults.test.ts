import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  assertSandboxClean,
  type BitbucketSandbox,
  generateWorkspace,
  startBitbucketSandbox,
} from "../../src/sandbox/index.ts";

const AUTH = { authorization: "Bearer sandbox-token" };
let sandbox: BitbucketSandbox;

beforeEach(async () => {
  const model = generateWorkspace({ seed: 31, repositories: 1, pullRequestsPerRepository: 8 });
  sandbox = await startBitbucketSandbox({ model });
});

afterEach(async () => {
  await sandbox.close();
});

const call = (path: string, init: RequestInit = {}) => fetch(`${sandbox.url}${path}`, { headers: AUTH, ...init });

describe("Bitbucket sandbox: faults", () => {
  it("throttles with a plain-text 429 and no Retry-After, adding the header only when asked", async () => {
    sandbox.setFaults({ rate429: 1 });
    const throttled = await call("/user");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("content-type")).toBe("text/plain");
    expect(throttled.headers.get("retry-after")).toBeNull();
    expect(await throttled.text()).toBe("Rate limit for this resource has been exceeded");
    sandbox.setFaults({ rate429: 1, retryAfterSeconds: 30 });
    expect((await call("/user")).headers.get("retry-after")).toBe("30");
    sandbox.setFaults({});
    expect((await call("/user")).status).toBe(200);
    assertSandboxClean(sandbox);
  });

  it("fails the next matching requests deterministically, then recovers", async () => {
    sandbox.setFaults({ failNext: [{ status: 503, times: 2, pathIncludes: "/pullrequests" }] });
    expect((await call("/user")).status).toBe(200);
    const path = "/repositories/corvana-sandbox/repo-001/pullrequests";
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(path)).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(sandbox.requests.map((r) => r.status)).toEqual([200, 503, 503, 200]);
  });

  it("drops the connection without an answer on a reset fault", async () => {
    sandbox.setFaults({ failNext: [{ status: "reset" }] });
    await expect(call("/user")).rejects.toThrow();
    expect(sandbox.requests[0]?.status).toBe(0);
    expect((await call("/user")).status).toBe(200);
  });

  it("delays answers by the configured latency", async () => {
    sandbox.setFaults({ latencyMs: 150 });
    const started = performance.now();
    await call("/user");
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("Bitbucket sandbox: forbidden requests", () => {
  it("answers 404 to an unknown route, records it, and fails assertSandboxClean", async () => {
    const response = await call("/repositories/corvana-sandbox/repo-001/watchers?pagelen=5");
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe("Resource not found");
    expect(sandbox.unknownRequests).toEqual([
      {
        method: "GET",
        path: "/2.0/repositories/corvana-sandbox/repo-001/watchers",
        query: { pagelen: ["5"] },
        status: 404,
      },
    ]);
    expect(() => assertSandboxClean(sandbox)).toThrow(/unknown endpoint: GET .*watchers\?pagelen=5/);
  });

  it("answers 404 to content endpoints, even without a token, and records each one", async () => {
    await call("/repositories/corvana-sandbox/repo-001/diff/abc..def");
    await call("/repositories/corvana-sandbox/repo-001/pullrequests/1/comments");
    await fetch(`${sandbox.url}/repositories/corvana-sandbox/repo-001/src/main/README.md`);
    expect(sandbox.contentRequests.map((r) => [r.path, r.status])).toEqual([
      ["/2.0/repositories/corvana-sandbox/repo-001/diff/abc..def", 404],
      ["/2.0/repositories/corvana-sandbox/repo-001/pullrequests/1/comments", 404],
      ["/2.0/repositories/corvana-sandbox/repo-001/src/main/README.md", 404],
    ]);
    expect(sandbox.unknownRequests).toEqual([]);
    expect(() => assertSandboxClean(sandbox)).toThrow(/content endpoint: GET .*\/diff\/abc\.\.def/);
  });

  it("records a write to a known route as unknown: the collector only reads", async () => {
    const response = await call("/repositories/corvana-sandbox/repo-001/pullrequests", { method: "POST", body: "{}" });
    expect(response.status).toBe(405);
    expect(sandbox.unknownRequests.map((r) => r.method)).toEqual(["POST"]);
  });
});
