import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { openMemoryStore } from "../store/store.ts";
import { inspectBundleFile } from "./inspect-bundle.ts";
import { defineRecordType } from "./record-type.ts";
import { pipelineRecord } from "./record-types/pipeline.ts";
import { recordTypes } from "./record-types.ts";
import { crawlCounts } from "./test-support/seed-crawl.ts";
import { seedRun, testSigner } from "./test-support/seed-store.ts";
import { type RecordSource, writeBundles } from "./write-bundle.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-types-"));
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

/** Every record type's rows of a store seeded with a complete crawl. */
function crawledSources(repositories: number, pullRequests: number): RecordSource[] {
  const store = openMemoryStore();
  const run = seedRun(store, { repositories, pullRequests, crawl: true });
  const window = { workspace: "ws", afterRun: 0, throughRun: run };
  return recordTypes.map((type) => ({ type, rows: [...store.changes.iterate(type.source, window)] }));
}

describe("the record types of the complete crawl", () => {
  it("all travel in one bundle, in registry order, counted as the store holds them, each with all its fields", async () => {
    const [bundle] = await writeBundles({
      dir: tempDir(),
      sources: crawledSources(2, 3),
      header,
      signer,
      maxRecords: 1000,
    });
    const expected = { repository: 2, pull_request: 6, review: 12, ...crawlCounts(2, 3) };
    expect(bundle?.manifest.counts).toEqual(expected);
    expect(Object.keys(bundle?.manifest.counts ?? {})).toEqual(recordTypes.map((type) => type.name));
    const inspected = await inspectBundleFile(bundle?.temporaryFile ?? "");
    expect(inspected.allowlist.ok).toBe(true);
    expect(inspected.counts).toEqual(expected);
    for (const type of recordTypes) expect(inspected.fields[type.name], type.name).toEqual(type.fieldNames);
  });

  it("sends SQLite's 0/1 as booleans and the pull request times derived from its events", async () => {
    const [bundle] = await writeBundles({
      dir: tempDir(),
      sources: crawledSources(1, 1),
      header,
      signer,
      maxRecords: 1000,
    });
    const { samples } = await inspectBundleFile(bundle?.temporaryFile ?? "", { samples: 10 });
    expect(samples.branching_model?.[0]).toMatchObject({ feature_prefix: true, release_prefix: false });
    expect(samples.commit?.map((c) => c.is_merge)).toEqual([false, true]);
    expect(samples.pull_request?.[0]).toMatchObject({
      merged_on: "2026-01-02T07:00:00.000Z",
      first_review_on: "2026-01-02T06:00:00.000Z",
      first_approval_on: "2026-01-02T06:00:00.000Z",
      declined_on: null,
    });
    expect(samples.pr_event?.map((e) => [e.kind, e.state])).toEqual([
      ["approval", null],
      ["state_change", "MERGED"],
    ]);
  });

  it("refuses a branch name or free text in a pipeline's category and enum fields, naming only the fields", async () => {
    const [row] = crawledSources(1, 0).find((source) => source.type === pipelineRecord)?.rows ?? [];
    const leaking = { ...row, target_branch_category: "feature/CNRY-alice-fix", trigger: "CNRY pushed by Alice" };
    const attempt = writeBundles({
      dir: tempDir(),
      sources: [{ type: pipelineRecord, rows: [leaking] }],
      header,
      signer,
      maxRecords: 10,
    });
    await expect(attempt).rejects.toMatchObject({ invalidFields: ["trigger", "target_branch_category"] });
    await expect(attempt).rejects.not.toThrow(/CNRY|alice/i);
  });

  it("keeps the bookkeeping tables and columns on this machine", () => {
    const local = ["sync_cursors", "sync_runs", "request_ledger", "pr_activity_sync", "pipeline_step_sync", "bundles"];
    const tables = recordTypes.map((type) => type.source.table);
    expect(new Set(tables).size).toBe(tables.length);
    expect(tables.filter((table) => local.includes(table))).toEqual([]);
    const fields = recordTypes.flatMap((type) => type.fieldNames);
    expect(fields.filter((field) => field === "changed_in_run" || field === "workspace")).toEqual([]);
  });

  it("refuses to define a field named type, which would overwrite the record's own type on the wire", () => {
    const definition = { name: "t", title: "T", description: "T.", table: "t", repositoryColumn: "r", orderBy: [] };
    expect(() => defineRecordType({ ...definition, fields: { type: z.string().describe("a type") } })).toThrow(
      /no field may be named "type"/,
    );
  });
});
