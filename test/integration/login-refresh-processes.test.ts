/**
 * Two cron jobs refreshing at once: two real child processes share the saved login, both find the access
 * token about to expire, and both refresh at the same moment. Bitbucket's refresh tokens rotate, so only
 * one refresh may reach the token endpoint; the other process must adopt its result.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { type LoginWorld, seedOAuthLogin, startLoginWorld } from "../helpers/login-world.ts";

const child = path.join(import.meta.dirname, "fixtures", "refresh-child.ts");
let world: LoginWorld;

beforeEach(async () => {
  world = await startLoginWorld();
});
afterEach(async () => {
  await world.close();
});

function start(env: NodeJS.ProcessEnv): { process: ChildProcess; output: Promise<string>; ready: Promise<void> } {
  const running = spawn(process.execPath, [child], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  running.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("ready\n")) markReady();
  });
  running.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output = new Promise<string>((resolve, reject) => {
    running.on("exit", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
  return { process: running, output, ready };
}

it("refreshes exactly once when two processes find the token expiring at the same moment, and both get a working token", async () => {
  await seedOAuthLogin(world);
  const env = { ...world.env, TEST_CLOCK_SKEW_MS: String(7200_000 - 4 * 60_000) };
  const jobs = [start(env), start(env)];
  await Promise.all(jobs.map((job) => job.ready));
  for (const job of jobs) job.process.stdin?.end("go\n");
  const results = (await Promise.all(jobs.map((job) => job.output))).map((out) =>
    JSON.parse(out.split("\n")[1] ?? "{}"),
  );

  expect(world.oauth.tokenRequests.filter((request) => request.grant === "refresh_token")).toEqual([
    { grant: "refresh_token", status: 200 },
  ]);
  expect(results.map((result) => result.status)).toEqual([200, 200]);
  expect(results[0].fingerprint).toBe(results[1].fingerprint);
}, 30_000);
