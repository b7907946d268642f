/**
 * One measured sync (run as its own process so peak RSS belongs to this run alone): crawls the sandbox at
 * `url` into a fresh cache and prints the figures as JSON.
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
    requestBudget: 1_000_000,
  });
  const store = openStore(file);
  const started = performance.now();
  const result = await syncWorkspace({ client, store, keys, workspace: workspace as string, concurrency });
  const seconds = (performance.now() - started) / 1000;
  const counts = store.read.tableCounts();
  store.close();
  await client.close();
  return { result, seconds, counts };
}

const full = await once();
const incremental = await once();
const records = full.counts.repositories + full.counts.pullRequests + full.counts.participants;
process.stdout.write(
  `${JSON.stringify({
    repositories: full.counts.repositories,
    pullRequests: full.counts.pullRequests,
    participants: full.counts.participants,
    fullRequests: full.result.requests,
    fullSeconds: full.seconds,
    recordsPerSecond: Math.round(records / full.seconds),
    pullRequestsPerSecond: Math.round(full.counts.pullRequests / full.seconds),
    incrementalRequests: incremental.result.requests,
    incrementalSeconds: incremental.seconds,
    incrementalRecordsChanged: incremental.result.recordsChanged,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
    databaseMiB: Math.round((fs.statSync(file).size / 1024 / 1024) * 10) / 10,
  })}\n`,
);
fs.rmSync(dir, { recursive: true, force: true });
