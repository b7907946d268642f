import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openMemoryStore, type Store } from "../store/store.ts";
import { openBundleFile } from "./bundle-source.ts";
import { exportBundles } from "./export-bundles.ts";
import { readBundle } from "./read-bundle.ts";
import { readRecords } from "./read-records.ts";
import { splitBundle } from "./split-bundle.ts";
import { seedRun, testSigner } from "./test-support/seed-store.ts";
import { verifyBundleFile } from "./verify-bundle.ts";

const signer = testSigner();
let dir: string;
let store: Store;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-split-"));
  store = openMemoryStore();
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function lines(file: string): Promise<string[]> {
  const source = await openBundleFile(file);
  try {
    const out: string[] = [];
    for await (const line of readRecords(await readBundle(source)))
      if ("record" in line) out.push(JSON.stringify(line.record));
    return out;
  } finally {
    await source.close();
  }
}

async function pendingBundle() {
  seedRun(store, { repositories: 2, pullRequests: 3 });
  const made = await exportBundles({
    store,
    workspace: "ws",
    scope: "delta",
    signer,
    collectorId: "col_1",
    collectorVersion: "test",
    maxRecords: 1000,
    destination: { kind: "pending", dir },
  });
  if (made.status !== "exported" || made.bundles[0] === undefined) throw new Error("expected a bundle");
  return made.bundles[0];
}

describe("splitBundle", () => {
  it("re-writes a bundle as signed parts holding exactly its records in order, and retires it", async () => {
    const original = await pendingBundle();
    const before = await lines(original.file);
    seedRun(store, { repositories: 1, pullRequests: 2, firstId: 40 });
    const parts = await splitBundle({
      store,
      file: original.file,
      signer,
      maxRecords: 8,
      destination: { kind: "pending", dir },
    });
    expect(parts.map((p) => p.records)).toEqual([8, 8, 4]);
    const after: string[] = [];
    for (const part of parts) {
      const report = await verifyBundleFile(part.file, signer.publicKeyPem);
      expect(report.ok).toBe(true);
      expect(report.manifest.part?.of).toBe(original.id);
      expect(report.manifest.window).toMatchObject({ after_run: original.afterRun, through_run: original.throughRun });
      after.push(...(await lines(part.file)));
    }
    expect(after).toEqual(before);
    expect(store.bundles.get(original.id)?.status).toBe("superseded");
    expect(fs.existsSync(original.file)).toBe(false);
    expect(store.bundles.pending().map((b) => b.id)).toEqual(parts.map((p) => p.id));
  });

  it("refuses to split a bundle that another key signed, writing nothing", async () => {
    const original = await pendingBundle();
    const attempt = splitBundle({
      store,
      file: original.file,
      signer: testSigner(),
      destination: { kind: "pending", dir },
    });
    await expect(attempt).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining("another key") });
    expect(fs.readdirSync(dir)).toEqual([path.basename(original.file)]);
    expect(store.bundles.get(original.id)?.status).toBe("pending");
  });
});
