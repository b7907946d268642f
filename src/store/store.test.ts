import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { migrations } from "./migrations.ts";
import type { PullRequestRow, RepositoryRow } from "./rows.ts";
import { openMemoryStore, openStore } from "./store.ts";

const repo: RepositoryRow = {
  uuid: "{r1}",
  workspace: "ws",
  slug: "repo-1",
  projectKey: "PRJ",
  projectUuid: "{p1}",
  isPrivate: true,
  createdOn: "2025-01-01T00:00:00.000Z",
  updatedOn: "2025-02-01T00:00:00.000Z",
  mainBranchCategory: "main",
  language: "typescript",
  size: 1234,
};

const pr = (overrides: Partial<PullRequestRow> = {}): PullRequestRow => ({
  repoUuid: "{r1}",
  id: 1,
  state: "OPEN",
  draft: false,
  createdOn: "2025-01-02T00:00:00.000Z",
  updatedOn: "2025-01-03T00:00:00.000Z",
  authorKey: "a".repeat(24),
  closedByKey: null,
  sourceBranchCategory: "feature",
  sourceBranchKey: "b".repeat(24),
  destinationBranchCategory: "main",
  destinationBranchKey: "c".repeat(24),
  mergeCommit: null,
  commentCount: 2,
  taskCount: 0,
  participants: [
    { personKey: "p".repeat(24), role: "REVIEWER", approved: true, state: "approved", participatedOn: null },
  ],
  ...overrides,
});

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("store", () => {
  it("changes nothing when the same rows are written again", () => {
    const store = openMemoryStore();
    expect(store.repositories.upsert(repo, 1)).toBe(1);
    expect(store.pullRequests.upsert(pr(), 1)).toBe(2);
    expect(store.repositories.upsert(repo, 2)).toBe(0);
    expect(store.pullRequests.upsert(pr(), 2)).toBe(0);
  });

  it("updates a changed pull request and replaces its participant set", () => {
    const store = openMemoryStore();
    store.repositories.upsert(repo, 1);
    store.pullRequests.upsert(pr(), 1);
    const merged = pr({
      state: "MERGED",
      participants: [
        { personKey: "q".repeat(24), role: "PARTICIPANT", approved: false, state: null, participatedOn: null },
      ],
    });
    expect(store.pullRequests.upsert(merged, 2)).toBe(3);
    const summary = store.read.repositorySummaries("ws")[0];
    expect(summary?.pullRequests.MERGED).toBe(1);
    expect(summary?.participants).toBe(1);
  });

  it("rolls a page back entirely when its transaction fails", () => {
    const store = openMemoryStore();
    store.repositories.upsert(repo, 1);
    expect(() =>
      store.transaction(() => {
        store.pullRequests.upsert(pr({ id: 1 }), 1);
        store.cursors.set("{r1}", "pullrequests", { afterId: 1 });
        store.pullRequests.upsert(pr({ id: 2, state: "BOGUS" as never }), 1);
      }),
    ).toThrow();
    expect(store.read.tableCounts().pullRequests).toBe(0);
    expect(store.cursors.get("{r1}", "pullrequests")).toBeUndefined();
  });

  it("creates a private directory and private database, WAL and SHM files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-store-"));
    dirs.push(dir);
    const file = path.join(dir, "nested", "cache.sqlite");
    const store = openStore(file);
    store.repositories.upsert(repo, 1);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) {
      if (fs.existsSync(f)) expect(fs.statSync(f).mode & 0o777, f).toBe(0o600);
    }
    expect(fs.existsSync(`${file}-wal`)).toBe(true);
    store.close();
  });

  it("migrates to the latest schema version and refuses a newer one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-store-"));
    dirs.push(dir);
    const file = path.join(dir, "cache.sqlite");
    openStore(file).close();
    const db = new Database(file);
    expect(db.pragma("user_version", { simple: true })).toBe(migrations.length);
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openStore(file)).toThrow(/newer corvana-bb/);
  });

  it("keeps sync runs newest first and marks a killed run as interrupted", () => {
    const store = openMemoryStore();
    const first = store.runs.start("ws", "2026-01-01T00:00:00.000Z");
    const second = store.runs.start("ws", "2026-01-02T00:00:00.000Z");
    store.runs.finish(second, {
      at: "2026-01-02T00:01:00.000Z",
      requests: 3,
      records: 4,
      outcome: "success",
      exitCode: 0,
    });
    expect(store.runs.markInterrupted()).toBe(1);
    const runs = store.runs.recent("ws", 5);
    expect(runs.map((r) => [r.id, r.outcome])).toEqual([
      [second, "success"],
      [first, "interrupted"],
    ]);
  });
});
