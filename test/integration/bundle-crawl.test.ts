/**
 * The complete crawl travels in bundles: after a full crawl of the sandbox (activity, pipelines with their steps,
 * deployments, branch snapshots and commits), an exported bundle holds every record type with the cache's counts
 * and every field, no content or raw account uuid, and the Corvana sandbox — which checks its own copy of the
 * allowlist — accepts it. Every cache column either travels or is bookkeeping named here.
 */
import fs from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBundleExport } from "../../src/app/bundle-export.ts";
import { runBundleUpload } from "../../src/app/bundle-upload.ts";
import { inspectBundleFile } from "../../src/bundle/inspect-bundle.ts";
import { recordTypes } from "../../src/bundle/record-types.ts";
import { arrivals, type BundleWorld, fastRetry, recordTables, startBundleWorld } from "../helpers/bundle-world.ts";

/** Columns that stay on this machine (docs/data-collected.md › Kept only on this machine). */
const localColumns = new Set(["changed_in_run", "workspace"]);

let world: BundleWorld;
let bundle: string;
beforeAll(async () => {
  world = await startBundleWorld({ repositories: 3, pullRequests: 10, steps: "all" });
  const synced = await world.sync({ upload: false });
  expect(synced.outcome).toBe("success");
  bundle = path.join(world.home, "complete.tar");
  const exported = await runBundleExport(world.config(), { all: true, out: bundle });
  expect(exported.status).toBe("exported");
});
afterAll(() => world.close());

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe("a bundle of the complete crawl", () => {
  it("starts from a cache that holds rows of every record type", () => {
    expect(Object.keys(world.storeCounts()).sort()).toEqual(recordTypes.map((type) => type.name).sort());
    expect(Object.keys(recordTables).sort()).toEqual(recordTypes.map((type) => type.name).sort());
  });

  it("holds every record type with the cache's counts, each record with all its fields, all on the allowlist", async () => {
    const report = await inspectBundleFile(bundle);
    expect(report.verification.ok).toBe(true);
    expect(report.allowlist.ok).toBe(true);
    expect(report.manifest.counts).toEqual(world.storeCounts());
    expect(report.counts).toEqual(world.storeCounts());
    for (const type of recordTypes) expect(report.fields[type.name], type.name).toEqual(type.fieldNames);
  });

  it("carries no canary, e-mail or raw account uuid in the file or its records", () => {
    const bytes = fs.readFileSync(bundle);
    const records = gunzipSync(bytes.subarray(bytes.indexOf(Buffer.from([0x1f, 0x8b, 0x08])))).toString("utf8");
    expect(records.split("\n").filter(Boolean)).toHaveLength(total(world.storeCounts()));
    for (const value of world.forbidden) {
      expect(records, value).not.toContain(value);
      expect(bytes.toString("latin1"), value).not.toContain(value);
    }
  });

  it("sends every column of each record type's table except the bookkeeping ones", () => {
    const db = new Database(world.config().paths.databaseFile, { readonly: true });
    try {
      for (const type of recordTypes) {
        const columns = (db.prepare(`PRAGMA table_info(${type.source.table})`).all() as { name: string }[])
          .map((c) => c.name)
          .filter((name) => !localColumns.has(name));
        const read = type.fieldNames.map((field) => type.source.renamed?.[field] ?? field);
        expect(read.sort(), type.name).toEqual(columns.sort());
      }
    } finally {
      db.close();
    }
  });

  it("is accepted by Corvana from another machine, every record exactly once", async () => {
    const other = world.otherMachine();
    const sent = await runBundleUpload(other.config, bundle, { retry: fastRetry });
    expect(sent).toMatchObject({ withToken: false });
    expect(world.corvana.uploads.map((u) => u.status)).toEqual([201]);
    const [stored] = [...world.corvana.bundles.values()];
    expect(stored?.counts).toEqual(world.storeCounts());
    const seen = arrivals(world.corvana);
    expect(seen.size).toBe(total(world.storeCounts()));
    expect([...seen.values()].filter((n) => n !== 1)).toEqual([]);
    expect(world.corvana.server.unrecognised).toEqual([]);
  });
});
