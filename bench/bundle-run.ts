/**
 * One measured step of the bundle benchmark, each in its own process so that its peak RSS is its own:
 *   node bench/bundle-run.ts sync URL WORKSPACE CACHE    crawl the sandbox into CACHE (the fixture, not measured)
 *   node bench/bundle-run.ts build CACHE DIR WORKSPACE   export everything as signed bundles into DIR
 *   node bench/bundle-run.ts verify DIR                  verify, then inspect, every bundle in DIR
 * Prints the figures as one JSON line.
 */
import { generateKeyPairSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { createBitbucketClient } from "../src/bitbucket/client.ts";
import { exportBundles } from "../src/bundle/export-bundles.ts";
import { inspectBundleFile } from "../src/bundle/inspect-bundle.ts";
import { verifyBundleFile } from "../src/bundle/verify-bundle.ts";
import { syncWorkspace } from "../src/crawl/sync-workspace.ts";
import { createPseudonymizer } from "../src/privacy/pseudonym.ts";
import { openStore } from "../src/store/store.ts";

const [mode, ...args] = process.argv.slice(2);
const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);
const print = (figures: Record<string, number | string>) => process.stdout.write(`${JSON.stringify(figures)}\n`);

if (mode === "sync") {
  const [url, workspace, cache] = args as [string, string, string];
  const client = createBitbucketClient({
    baseUrl: url,
    getAccessToken: async () => "bench-token",
    userAgentVersion: "bench",
    requestBudget: 10_000_000,
  });
  const store = openStore(cache);
  const result = await syncWorkspace({
    client,
    store,
    keys: createPseudonymizer(Buffer.alloc(32, 1)),
    workspace,
    concurrency: 4,
  });
  store.close();
  await client.close();
  print({ seconds: result.durationMs / 1000, requests: result.requests });
} else if (mode === "build") {
  const [cache, dir, workspace] = args as [string, string, string];
  const store = openStore(cache);
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const started = performance.now();
  const outcome = await exportBundles({
    store,
    workspace,
    scope: "all",
    signer: {
      privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    },
    collectorId: "col_bench",
    collectorVersion: "bench",
    maxRecords: 250_000,
    destination: { kind: "exported", dir, fileFor: (id) => path.join(dir, `${id}.tar`) },
  });
  const seconds = (performance.now() - started) / 1000;
  store.close();
  if (outcome.status !== "exported") throw new Error("nothing exported");
  const records = outcome.bundles.reduce((n, b) => n + b.records, 0);
  const bytes = outcome.bundles.reduce((n, b) => n + b.bytes, 0);
  print({
    bundles: outcome.bundles.length,
    records,
    seconds,
    recordsPerSecond: Math.round(records / seconds),
    bytes,
    bytesPerRecord: Math.round((bytes / records) * 10) / 10,
    peakRssMiB: peakRssMiB(),
  });
} else if (mode === "verify") {
  const [dir] = args as [string];
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".tar"))
    .map((name) => path.join(dir, name));
  let records = 0;
  let started = performance.now();
  for (const file of files) {
    const report = await verifyBundleFile(file);
    if (!report.ok) throw new Error(`${file}: ${report.problems.join("; ")}`);
    records += report.manifest.records;
  }
  const verifySeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const file of files) {
    const report = await inspectBundleFile(file);
    if (!report.allowlist.ok || !report.countsMatchManifest) throw new Error(`${file}: inspect found problems`);
  }
  const inspectSeconds = (performance.now() - started) / 1000;
  print({
    records,
    verifySeconds,
    verifyRecordsPerSecond: Math.round(records / verifySeconds),
    inspectSeconds,
    inspectRecordsPerSecond: Math.round(records / inspectSeconds),
    peakRssMiB: peakRssMiB(),
  });
} else {
  throw new Error("usage: bundle-run.ts sync URL WORKSPACE CACHE | build CACHE DIR WORKSPACE | verify DIR");
}
