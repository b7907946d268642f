/**
 * The upload client against a scripted loopback server rather than nock: nock 15 does not reliably intercept
 * undici requests whose body is a stream (some go to the real network), and a real server is cheap here.
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeTime, seededRandom } from "../bitbucket/test-support/nock-harness.ts";
import { createBundleUploader } from "./upload-bundle.ts";

const TOKEN = "ingest-SECRET-91c2";
const ID = "5c6d8d0e-2f4b-4d7a-9a51-0b6f7c3e1a22";

type Answer = { status: number; body?: unknown; headers?: Record<string, string> } | "reset";
interface Seen {
  headers: http.IncomingHttpHeaders;
  body: string;
}

let dir: string;
let file: string;
let server: http.Server;
let origin: string;
let answers: Answer[] = [];
let seen: Seen[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-upload-"));
  file = path.join(dir, "bundle.tar");
  fs.writeFileSync(file, Buffer.from("pretend-bundle-bytes"));
  server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on("end", () => {
      seen.push({ headers: request.headers, body });
      const answer = answers.shift() ?? { status: 500, body: { error: "unscripted" } };
      if (answer === "reset") {
        request.socket.destroy();
        return;
      }
      response.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      response.end(typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  expect(answers, "answers left over from the previous test").toEqual([]);
  seen = [];
});

function uploader(options: { token?: boolean } = {}) {
  const time = fakeTime();
  const up = createBundleUploader({
    baseUrl: origin,
    userAgentVersion: "9.8.7",
    ...(options.token === false ? {} : { ingestToken: TOKEN }),
    retry: { maxAttempts: 4, baseMs: 1_000, capMs: 8_000 },
    sleep: time.sleep,
    random: seededRandom(7),
  });
  return Object.assign(up, { time });
}

describe("bundle upload client", () => {
  it("posts the file with its id as Idempotency-Key and the ingest token as Bearer", async () => {
    answers = [{ status: 201, body: { bundle_id: ID, status: "accepted" } }];
    expect(await uploader().upload({ file, bundleId: ID })).toEqual({
      status: "accepted",
      httpStatus: 201,
      attempts: 1,
    });
    const sent = seen[0];
    expect(sent?.headers["idempotency-key"]).toBe(ID);
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.headers["content-type"]).toBe("application/x-tar");
    expect(sent?.headers["user-agent"]).toBe("corvana-bb/9.8.7 (+https://github.com/corvana/corvana-bb)");
    expect(sent?.body).toBe("pretend-bundle-bytes");
  });

  it("sends no Authorization header from a machine without an ingest token", async () => {
    answers = [{ status: 200, body: { status: "already_accepted" } }];
    expect((await uploader({ token: false }).upload({ file, bundleId: ID })).status).toBe("already-accepted");
    expect(seen[0]?.headers.authorization).toBeUndefined();
  });

  it("retries 503, 429 and a reset connection with growing delays, honouring Retry-After", async () => {
    answers = [
      { status: 503, body: "down" },
      { status: 429, body: "slow down", headers: { "retry-after": "20" } },
      "reset",
      { status: 201, body: { status: "accepted" } },
    ];
    const up = uploader();
    expect(await up.upload({ file, bundleId: ID })).toMatchObject({ status: "accepted", attempts: 4 });
    expect(seen.map((request) => request.body)).toEqual(Array(4).fill("pretend-bundle-bytes"));
    const [first, second, third] = up.time.sleeps;
    expect(first).toBeGreaterThanOrEqual(500);
    expect(first).toBeLessThanOrEqual(1_000);
    expect(second).toBe(20_000);
    expect(third).toBeGreaterThanOrEqual(2_000);
    expect(third).toBeLessThanOrEqual(4_000);
  });

  it("gives up after the last attempt as a temporary failure (exit 4) that names no secret", async () => {
    answers = Array.from({ length: 4 }, () => ({ status: 502, body: "bad gateway" }));
    const attempt = uploader().upload({ file, bundleId: ID });
    await expect(attempt).rejects.toMatchObject({ name: "CorvanaUnavailableError", exitCode: 4 });
    await expect(attempt).rejects.not.toThrow(TOKEN);
  });

  it("returns 413 with Corvana's limit, so the caller can split", async () => {
    answers = [{ status: 413, body: { error: "bundle_too_large", max_bytes: 1_000_000 } }];
    expect(await uploader().upload({ file, bundleId: ID })).toEqual({
      status: "too-large",
      httpStatus: 413,
      maxBytes: 1_000_000,
      attempts: 1,
    });
  });

  it("ends with a clear error for 409, 422 and 401, without retrying", async () => {
    answers = [
      { status: 409, body: { error: "bundle_id_conflict", message: "a different bundle was stored under this id" } },
      { status: 422, body: { error: "invalid_signature", message: "not signed by the enrolled key" } },
      { status: 401, body: { error: "invalid_token" } },
    ];
    const up = uploader();
    await expect(up.upload({ file, bundleId: ID })).rejects.toMatchObject({ name: "BundleConflictError", exitCode: 8 });
    await expect(up.upload({ file, bundleId: ID })).rejects.toMatchObject({
      name: "BundleRejectedError",
      reason: "invalid_signature",
      exitCode: 8,
    });
    await expect(up.upload({ file, bundleId: ID })).rejects.toMatchObject({
      name: "CollectorNotAuthorizedError",
      exitCode: 3,
      hint: expect.stringContaining("login --enroll-only"),
    });
    expect(up.time.sleeps).toEqual([]);
  });
});
