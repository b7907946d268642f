/**
 * `corvana-bb demo` as a user runs it: the built CLI, no account, no network beyond loopback. It must show a
 * login, a sync with pull requests in all four states, an accepted upload and an inspect of what Corvana
 * received — without any canary — and leave nothing behind, also when stopped with Ctrl-C.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliEnv, repoRoot, runCli, startCli } from "../helpers/run-cli.ts";

const homeOf = (stdout: string) => stdout.match(/^Throwaway home: (.+)$/m)?.[1];

describe("corvana-bb demo", () => {
  it("logs in, syncs, uploads, inspects what Corvana received, and removes everything", async () => {
    expect(fs.existsSync(path.join(repoRoot, "dist", "cli", "main.js")), "run `npm run build` first").toBe(true);
    const demo = await runCli(["demo"], cliEnv({}));
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toMatch(/Logged in to Bitbucket workspace "corvana-sandbox" with OAuth/);
    expect(demo.stdout).toMatch(/Enrolled with Corvana as collector col_/);
    expect(demo.stdout).toMatch(/Uploaded 1 bundle to Corvana: [\d,]+ records accepted/);
    expect(demo.stdout).toContain("Every field of every record is on the allowlist");
    const states = demo.stdout.match(/pull requests OPEN (\d+), MERGED (\d+), DECLINED (\d+), SUPERSEDED (\d+)\./);
    expect(
      states
        ?.slice(1)
        .map(Number)
        .every((n) => n > 0),
      demo.stdout,
    ).toBe(true);
    expect(`${demo.stdout}${demo.stderr}`).not.toContain("CNRY");
    const home = homeOf(demo.stdout);
    expect(home).toBeDefined();
    expect(fs.existsSync(home ?? "")).toBe(false);
  });

  it("stops on Ctrl-C with exit code 130 and still removes its home directory", async () => {
    const { child, done } = startCli(["demo"], cliEnv({}));
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("$ corvana-bb login")) child.kill("SIGINT");
    });
    const run = await done;
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain("interrupted");
    const home = homeOf(run.stdout);
    expect(home).toBeDefined();
    expect(fs.existsSync(home ?? "")).toBe(false);
  });
});
