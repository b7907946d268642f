/**
 * Benchmark of `sync` (not a timed test). For a generated workspace served by the sandbox in another process:
 * the requests of a full crawl against the minimum possible, records per second, the requests of an incremental
 * sync with no changes, peak memory (at 1× and 10× to show it stays flat), and wall time with simulated latency.
 *
 *   npm run bench                                   # every scenario below
 *   node bench/sync.bench.ts REPOS PRS PIPELINES COMMITS [LATENCY_MS] [CONCURRENCY]   # one run
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { minimumRequests } from "./minimum.ts";
import type { BenchSizes } from "./workspace.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

function firstLine(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error("no stdout");
  const lines = readline.createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
}

async function measure(sizes: BenchSizes, latencyMs: number, concurrency: number) {
  const args = [sizes.repositories, sizes.pullRequests, latencyMs, sizes.pipelines, sizes.commits].map(String);
  const sandbox = spawn(process.execPath, [path.join(here, "sandbox-process.ts"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const { url, workspace } = JSON.parse(await firstLine(sandbox)) as { url: string; workspace: string };
    const run = spawn(process.execPath, [path.join(here, "sync-run.ts"), url, workspace, String(concurrency)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    return JSON.parse(await firstLine(run)) as Record<string, number> & { fetched: Record<string, number> };
  } finally {
    sandbox.kill("SIGTERM");
  }
}

async function report(label: string, sizes: BenchSizes, latencyMs = 0, concurrency = 4): Promise<void> {
  const minimum = minimumRequests(sizes);
  const r = await measure(sizes, latencyMs, concurrency);
  const over = (((r.fullRequests ?? 0) / (minimum.total ?? 1) - 1) * 100).toFixed(1);
  console.log(
    [
      `${label}: ${sizes.repositories} repositories × ${sizes.pullRequests} PRs × ${sizes.pipelines} pipelines × ${sizes.commits} commits, latency ${latencyMs} ms, concurrency ${concurrency}`,
      `  fetched:      ${JSON.stringify(r.fetched)}`,
      `  full sync:    ${r.fullRequests} requests (minimum ${minimum.total}, ${over}% over) in ${r.fullSeconds?.toFixed(2)} s, ${r.recordsPerSecond} records/s`,
      `  minimum by resource: ${JSON.stringify(minimum)}`,
      `  incremental:  ${r.incrementalRequests} requests, ${r.incrementalRecordsChanged} records changed, ${r.incrementalSeconds?.toFixed(2)} s`,
      `  peak RSS:     ${r.peakRssMiB} MiB (database ${r.databaseMiB} MiB)`,
    ].join("\n"),
  );
}

const args = process.argv.slice(2).map(Number);
if (args.length >= 4) {
  const [repositories = 1, pullRequests = 0, pipelines = 0, commits = 0, latency = 0, concurrency = 4] = args;
  await report("custom", { repositories, pullRequests, pipelines, commits }, latency, concurrency);
} else {
  // Pull requests and reviews only, at 1× and 10×.
  await report("PRs 1×", { repositories: 50, pullRequests: 400, pipelines: 0, commits: 0 });
  await report("PRs 10×", { repositories: 500, pullRequests: 400, pipelines: 0, commits: 0 });
  // The reference workspace (200 × 500 × 2,000 pipelines) scaled to a tenth for 1×; 10× is the full size.
  await report("crawl 1×", { repositories: 20, pullRequests: 500, pipelines: 2000, commits: 300 });
  await report("crawl 10×", { repositories: 200, pullRequests: 500, pipelines: 2000, commits: 300 });
  // Wall time with 100 ms per request, on a small workspace, one repository at a time and eight at a time.
  const small = { repositories: 8, pullRequests: 100, pipelines: 200, commits: 100 };
  await report("latency c=1", small, 100, 1);
  await report("latency c=8", small, 100, 8);
}
