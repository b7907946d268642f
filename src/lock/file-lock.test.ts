import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireFileLock } from "./file-lock.ts";

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-lock-"));
  file = path.join(dir, "locks", "test.lock");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid ?? 999_999;
}

describe("file lock", () => {
  it("creates the lock file 0600 with its owner and removes it on release", async () => {
    const lock = await acquireFileLock(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toMatchObject({ pid: process.pid, host: os.hostname() });
    await lock.release();
    expect(fs.existsSync(file)).toBe(false);
  });

  it("fails at once with LockedError, naming the holder, when another process holds it", async () => {
    const held = await acquireFileLock(file);
    await expect(acquireFileLock(file, { purpose: "sync" })).rejects.toMatchObject({
      name: "LockedError",
      exitCode: 7,
      message: expect.stringMatching(new RegExp(`sync lock .* held by process ${process.pid}`)),
    });
    await held.release();
  });

  it("waits for the holder to release it", async () => {
    const held = await acquireFileLock(file);
    setTimeout(() => void held.release(), 150);
    const lock = await acquireFileLock(file, { waitMs: 5_000, pollMs: 20 });
    await lock.release();
  });

  it("takes over a lock whose process is dead", async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: deadPid(), host: os.hostname(), createdAt: Date.now(), token: "old" }),
    );
    const lock = await acquireFileLock(file);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).pid).toBe(process.pid);
    await lock.release();
  });

  it("takes over a lock older than staleMs even if its pid looks alive", async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: process.pid, host: "other-host", createdAt: Date.now() - 60_000, token: "old" }),
    );
    await expect(acquireFileLock(file, { staleMs: 120_000 })).rejects.toMatchObject({ name: "LockedError" });
    const lock = await acquireFileLock(file, { staleMs: 30_000 });
    await lock.release();
  });

  it("does not remove a lock that was taken over by someone else when releasing", async () => {
    const lock = await acquireFileLock(file);
    fs.writeFileSync(
      file,
      JSON.stringify({ pid: process.pid, host: os.hostname(), createdAt: Date.now(), token: "someone-else" }),
    );
    await lock.release();
    expect(fs.existsSync(file)).toBe(true);
  });
});
