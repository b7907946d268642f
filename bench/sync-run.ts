/**
 * One measured sync (run as its own process so peak RSS belongs to this run alone): crawls the sandbox at
 * `url` into a fresh cache twice — a full first sync, then an incremental one of the unchanged workspace — and
 * prints the figures as JSON.  node bench/sync-run.ts URL WORKSPACE [CONCURRENCY]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createBitbucketClient } from "../src/bitbucket/client.ts";
import { syncWorkspace } from "../src/crawl/sync-workspace.ts";
import { createPseudonymizer } from "../src/privacy/pseudonym.ts";
import { openStore } from "../src/store/store.ts";

const [url, workspace, concurrencyArg] = process.argv.slice(2);
if (!url || !workspace) throw new Error("usage: sync-run.ts URL WORKSPACE [CONCURRENCY]");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-bench-"));
const file = path.join(dir, "cache.sqlite");
const keys = createPseudonymizer(Buffer.alloc(32, 1));
const concurrency = Number(concurrencyArg ?? 4);

async function once() {
  const client = createBitbucketClient({
    baseUrl: url as string,
    getAccessToken: async () => "bench-token",
    userAgentVersion: "bench",
    requestBudget: 10_000_000,
  });
  const store = openStore(file);
  const started = performance.now();
  const result = await syncWorkspace({ client, store, keys, workspace: workspace as string, concurrency });
  const seconds = (performance.now() - started) / 1000;
  store.close();
  await client.close();
  return { result, seconds };
}

try {
  const full = await once();
  const incremental = await once();
  const records = Object.values(full.result.fetched).reduce((a, b) => a + b, 0);
  process.stdout.write(
    `${JSON.stringify({
      fetched: full.result.fetched,
      records,
      fullRequests: full.result.requests,
      fullSeconds: full.seconds,
      recordsPerSecond: Math.round(records / full.seconds),
      incrementalRequests: incremental.result.requests,
      incrementalSeconds: incremental.seconds,
      incrementalRecordsChanged: incremental.result.recordsChanged,
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      databaseMiB: Math.round((fs.statSync(file).size / 1024 / 1024) * 10) / 10,
    })}\n`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
