/**
 * The sync lock between real processes: while one holds it a second exits at once with exit code 7, and
 * the lock of a process killed with SIGKILL (which cannot release anything) is recovered by the next run.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSyncLocked, syncLockFile, withSyncLock } from "../../src/app/sync-lock.ts";
import { loadConfig } from "../../src/config/load-config.ts";
import { ExitCode } from "../../src/errors.ts";
import { createTempHome } from "../helpers/temp-home.ts";

const child = path.join(import.meta.dirname, "fixtures", "sync-lock-child.ts");
let home: { dir: string; remove(): void };
const running: ChildProcess[] = [];

beforeEach(() => {
  home = createTempHome("corvana-bb-lock-");
});
afterEach(() => {
  for (const process of running.splice(0)) process.kill("SIGKILL");
  home.remove();
});

const env = () => ({ PATH: process.env.PATH ?? "", CORVANA_BB_HOME: home.dir });
const config = () => loadConfig(env());

/** Starts a child that holds the lock; resolves once it says so. */
async function holder(): Promise<ChildProcess> {
  const holding = spawn(process.execPath, [child, "hold"], { env: env(), stdio: ["pipe", "pipe", "inherit"] });
  running.push(holding);
  await new Promise<void>((resolve, reject) => {
    holding.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("locked")) resolve();
    });
    holding.on("exit", (code) => reject(new Error(`the holder exited early with ${code}`)));
  });
  return holding;
}

/** Runs a child that tries the lock once; its JSON line and exit code. */
async function tryOnce(): Promise<{ code: number | null; result: { exitCode: number; message?: string; ms: number } }> {
  const trying = spawn(process.execPath, [child, "try"], { env: env(), stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  trying.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => trying.on("close", resolve));
  return { code, result: JSON.parse(out.trim()) as { exitCode: number; message?: string; ms: number } };
}

describe("sync lock", () => {
  it("makes a second process exit at once with the locked exit code while another one holds it", async () => {
    const holding = await holder();
    const second = await tryOnce();
    expect(second.code).toBe(ExitCode.locked);
    expect(second.result.message).toMatch(new RegExp(`Another corvana-bb sync is running \\(process ${holding.pid} `));
    // "At once": no waiting for the holder (a child's start-up is most of this).
    expect(second.result.ms).toBeLessThan(1_000);
    expect(await isSyncLocked(config())).toMatchObject({ held: true, pid: holding.pid });

    holding.stdin?.end();
    await new Promise((resolve) => holding.on("close", resolve));
    expect(await isSyncLocked(config())).toEqual({ held: false });
    expect((await tryOnce()).code).toBe(0);
  });

  it("recovers the lock of a process killed with SIGKILL", async () => {
    const holding = await holder();
    holding.kill("SIGKILL");
    await new Promise((resolve) => holding.on("close", resolve));
    expect(fs.existsSync(syncLockFile(config())), "a killed process leaves its lock file").toBe(true);
    expect(await isSyncLocked(config())).toEqual({ held: false });

    const next = await tryOnce();
    expect(next.code).toBe(0);
    expect(fs.existsSync(syncLockFile(config()))).toBe(false);
  });

  it("releases the lock when the locked work fails", async () => {
    await expect(withSyncLock(config(), async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(fs.existsSync(syncLockFile(config()))).toBe(false);
    expect(await withSyncLock(config(), async () => "ran")).toBe("ran");
  });
});
