import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openMemoryStore, type Store } from "../store/store.ts";
import { reconcileBundles } from "./bundle-files.ts";
import { type ExportOptions, exportBundles } from "./export-bundles.ts";
import { pullRequestRow, seedRun, testSigner } from "./test-support/seed-store.ts";
import { verifyBundleFile } from "./verify-bundle.ts";

const signer = testSigner();
let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-export-"));
  store = openMemoryStore();
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const exportNow = (overrides: Partial<ExportOptions> = {}) =>
  exportBundles({
    store,
    workspace: "ws",
    scope: "delta",
    signer,
    collectorId: "col_1",
    collectorVersion: "test",
    maxRecords: 1000,
    destination: { kind: "pending", dir },
    ...overrides,
  });

describe("exportBundles", () => {
  it("exports everything at first, then only what later runs changed", async () => {
    const first = seedRun(store, { repositories: 2, pullRequests: 3 });
    const initial = await exportNow();
    expect(initial.status).toBe("exported");
    if (initial.status !== "exported") return;
    expect(initial.bundles[0]).toMatchObject({
      afterRun: 0,
      throughRun: first,
      records: 2 + 6 + 12,
      status: "pending",
    });
    expect(fs.existsSync(initial.bundles[0]?.file ?? "")).toBe(true);

    const second = store.runs.start("ws", "2026-01-06T00:00:00.000Z");
    store.pullRequests.upsert(pullRequestRow(1, 2, { state: "MERGED", participants: [] }), second);
    store.runs.finish(second, {
      at: "2026-01-06T00:01:00.000Z",
      requests: 1,
      records: 1,
      outcome: "success",
      exitCode: 0,
    });
    const delta = await exportNow();
    if (delta.status !== "exported") throw new Error("expected a bundle");
    expect(delta.window).toMatchObject({
      scope: "delta",
      after_run: first,
      through_run: second,
      through: "2026-01-06T00:01:00.000Z",
    });
    const bundle = await verifyBundleFile(delta.bundles[0]?.file ?? "");
    expect(bundle.manifest.counts).toEqual({ pull_request: 1 });

    expect((await exportNow()).status).toBe("nothing");
    const all = await exportNow({ scope: "all" });
    expect(all.status === "exported" && all.bundles[0]?.records).toBe(2 + 6 + 10);
  });

  it("exports nothing before the first sync", async () => {
    expect(await exportNow()).toMatchObject({ status: "nothing", window: { through_run: 0 } });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("releases a rejected bundle's window so the next export covers those records again", async () => {
    seedRun(store, { repositories: 1, pullRequests: 2 });
    const made = await exportNow();
    if (made.status !== "exported") throw new Error("expected a bundle");
    store.bundles.markRejected(made.bundles[0]?.id ?? "", "422 schema_violation", made.bundles[0]?.file ?? "");
    const again = await exportNow();
    expect(again.status === "exported" && again.bundles[0]?.records).toBe(made.bundles[0]?.records);
  });

  it("finishes a recorded bundle left under its temporary name and marks a vanished one lost", async () => {
    seedRun(store, { repositories: 1, pullRequests: 1 });
    const a = await exportNow();
    seedRun(store, { repositories: 1, pullRequests: 1, firstId: 9 });
    const b = await exportNow();
    if (a.status !== "exported" || b.status !== "exported") throw new Error("expected bundles");
    const [first, second] = [a.bundles[0], b.bundles[0]];
    if (first === undefined || second === undefined) throw new Error("expected bundles");
    fs.renameSync(first.file, path.join(dir, `.${first.id}.tar.part`));
    fs.rmSync(second.file);
    const outcome = await reconcileBundles(store, dir, () => new Date());
    expect(fs.existsSync(first.file)).toBe(true);
    expect(outcome.lost.map((e) => e.id)).toEqual([second.id]);
    expect(store.bundles.get(second.id)?.status).toBe("lost");
    expect(store.bundles.highWaterMark("ws")).toBe(first.throughRun);
  });

  it("carries in the delta only the crawl rows a later run changed", async () => {
    seedRun(store, { repositories: 1, pullRequests: 2, crawl: true });
    expect((await exportNow()).status).toBe("exported");
    const second = store.runs.start("ws", "2026-01-06T00:00:00.000Z");
    const repoUuid = "{00000000-0000-4000-8000-000000000001}";
    store.flags.setPipelines(repoUuid, "no", "2026-01-06T00:00:00.000Z", second);
    store.commits.upsert(
      { repoUuid, hash: "f".repeat(40), committedOn: "2026-01-06T00:00:00.000Z", authorKey: null, isMerge: false },
      second,
    );
    store.runs.finish(second, {
      at: "2026-01-06T00:01:00.000Z",
      requests: 1,
      records: 2,
      outcome: "success",
      exitCode: 0,
    });
    const delta = await exportNow();
    if (delta.status !== "exported") throw new Error("expected a bundle");
    const bundle = await verifyBundleFile(delta.bundles[0]?.file ?? "");
    expect(bundle.manifest.counts).toEqual({ repository_flags: 1, commit: 1 });
  });
});
