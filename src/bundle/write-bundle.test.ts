import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openMemoryStore } from "../store/store.ts";
import { inspectBundleFile } from "./inspect-bundle.ts";
import type { RecordType } from "./record-type.ts";
import { pullRequestRecord } from "./record-types/pull-request.ts";
import { repositoryRecord } from "./record-types/repository.ts";
import { recordTypes } from "./record-types.ts";
import { BundleRefusedError } from "./refuse-record.ts";
import { seedRun, testSigner } from "./test-support/seed-store.ts";
import { verifyBundleFile } from "./verify-bundle.ts";
import { type RecordSource, writeBundles } from "./write-bundle.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-bundle-"));
  dirs.push(dir);
  return dir;
};
const signer = testSigner();
const header = {
  collectorId: "col_test",
  collectorVersion: "0.0.0-test",
  source: "bitbucket-cloud",
  workspace: "ws",
  window: { scope: "all" as const, after_run: 0, through_run: 1, after: null, through: "2026-01-05T00:00:00.000Z" },
};

/** The cache rows of a seeded store, per record type. */
function storeRows(repositories: number, pullRequests: number): Map<RecordType, Record<string, unknown>[]> {
  const store = openMemoryStore();
  const run = seedRun(store, { repositories, pullRequests });
  const window = { workspace: "ws", afterRun: 0, throughRun: run };
  return new Map(recordTypes.map((type) => [type, [...store.changes.iterate(type.source, window)]]));
}

function storeSources(repositories: number, pullRequests: number): RecordSource[] {
  return [...storeRows(repositories, pullRequests)].map(([type, rows]) => ({ type, rows }));
}

describe("writeBundles", () => {
  it("writes one signed bundle whose records match the store, with private file modes", async () => {
    const dir = tempDir();
    const [bundle, ...rest] = await writeBundles({
      dir,
      sources: storeSources(2, 5),
      header,
      signer,
      maxRecords: 1000,
    });
    expect(rest).toEqual([]);
    expect(bundle?.manifest.counts).toEqual({ repository: 2, pull_request: 10, review: 20 });
    expect(bundle?.manifest.part).toBeNull();
    const file = bundle?.temporaryFile ?? "";
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(file).size).toBe(bundle?.bytes);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);

    const verified = await verifyBundleFile(file, signer.publicKeyPem);
    expect(verified.problems).toEqual([]);
    expect(verified.ok).toBe(true);
    const inspected = await inspectBundleFile(file);
    expect(inspected.counts).toEqual(bundle?.manifest.counts);
    expect(inspected.allowlist.ok).toBe(true);
    expect(inspected.fields.pull_request).toEqual(pullRequestRecord.fieldNames);
    expect(inspected.samples.review?.[0]).toMatchObject({ type: "review", approved: expect.any(Boolean) });
  });

  it("refuses a record with a field outside the allowlist, names the field, and leaves no file behind", async () => {
    const dir = tempDir();
    const rows = storeRows(1, 3);
    const leaking: RecordSource = {
      type: pullRequestRecord,
      rows: (rows.get(pullRequestRecord) ?? []).map((row, i) =>
        i === 2 ? { ...row, title: "Secret plans CNRY-title" } : row,
      ),
    };
    const attempt = writeBundles({
      dir,
      sources: [{ type: repositoryRecord, rows: rows.get(repositoryRecord) ?? [] }, leaking],
      header,
      signer,
      maxRecords: 1000,
    });
    await expect(attempt).rejects.toBeInstanceOf(BundleRefusedError);
    await expect(attempt).rejects.toMatchObject({ unlistedFields: ["title"], exitCode: 8 });
    await expect(attempt).rejects.not.toThrow(/CNRY|Secret/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("refuses free text in an allowlisted field without repeating the value", async () => {
    const dir = tempDir();
    const sources: RecordSource[] = [
      {
        type: repositoryRecord,
        rows: [{ ...storeRows(1, 0).get(repositoryRecord)?.[0], language: "CNRY\nmultiline text" }],
      },
    ];
    const attempt = writeBundles({ dir, sources, header, signer, maxRecords: 10 });
    await expect(attempt).rejects.toMatchObject({ invalidFields: ["language"] });
    await expect(attempt).rejects.not.toThrow(/CNRY/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("splits into signed parts of at most maxRecords that together hold every record once", async () => {
    const dir = tempDir();
    const bundles = await writeBundles({ dir, sources: storeSources(2, 5), header, signer, maxRecords: 7 });
    expect(bundles.map((b) => b.manifest.records)).toEqual([7, 7, 7, 7, 4]);
    const series = bundles[0]?.manifest.part?.of;
    expect(bundles.map((b) => b.manifest.part)).toEqual(
      bundles.map((_, i) => ({ of: series, index: i + 1, last: i === bundles.length - 1 })),
    );
    expect(new Set(bundles.map((b) => b.manifest.bundle_id)).size).toBe(5);
    const total: Record<string, number> = {};
    for (const bundle of bundles) {
      expect((await verifyBundleFile(bundle.temporaryFile)).ok).toBe(true);
      for (const [type, n] of Object.entries(bundle.manifest.counts)) total[type] = (total[type] ?? 0) + n;
    }
    expect(total).toEqual({ repository: 2, pull_request: 10, review: 20 });
  });

  it("does not make an empty last part when the records divide evenly", async () => {
    const bundles = await writeBundles({ dir: tempDir(), sources: storeSources(1, 3), header, signer, maxRecords: 5 });
    expect(bundles.map((b) => [b.manifest.records, b.manifest.part?.last])).toEqual([
      [5, false],
      [5, true],
    ]);
  });

  it("writes nothing when there are no records", async () => {
    const dir = tempDir();
    const empty = recordTypes.map((type) => ({ type, rows: [] }));
    expect(await writeBundles({ dir, sources: empty, header, signer, maxRecords: 10 })).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
