/**
 * Benchmark of `sync` (not a timed test): for a generated workspace served by the sandbox in another
 * process, the requests a full crawl makes against the minimum possible, records per second, the requests of an
 * incremental sync with no changes, and peak memory — at 1× and 10× the size, to show memory stays flat.
 *
 *   npm run bench                      # 50 × 400 and 500 × 400
 *   node bench/sync.bench.ts 50 400 1  # one scale: repositories, PRs per repository, scale label
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));

function firstLine(child: ChildProcess): Promise<string> {
  if (!child.stdout) throw new Error("no stdout");
  const lines = readline.createInterface({ input: child.stdout });
  return new Promise((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
  });
}

async function measure(repositories: number, pullRequests: number): Promise<Record<string, number>> {
  const sandbox = spawn(
    process.execPath,
    [path.join(here, "sandbox-process.ts"), String(repositories), String(pullRequests), "0"],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  try {
    const { url, workspace } = JSON.parse(await firstLine(sandbox)) as { url: string; workspace: string };
    const run = spawn(process.execPath, [path.join(here, "sync-run.ts"), url, workspace], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const figures = JSON.parse(await firstLine(run)) as Record<string, number>;
    const minimum = Math.ceil(repositories / 100) + repositories * Math.ceil(pullRequests / 50);
    return { ...figures, repositories, pullRequestsPerRepository: pullRequests, minimumRequests: minimum };
  } finally {
    sandbox.kill("SIGTERM");
  }
}

const args = process.argv.slice(2).map(Number);
const scales: [number, number][] =
  args.length >= 2
    ? [[args[0] ?? 50, args[1] ?? 400]]
    : [
        [50, 400],
        [500, 400],
      ];
for (const [repositories, pullRequests] of scales) {
  const r = await measure(repositories, pullRequests);
  const minimum = r.minimumRequests ?? 1;
  console.log(
    [
      `${r.repositories} repositories × ${r.pullRequestsPerRepository} PRs (${r.pullRequests} PRs, ${r.participants} review rows)`,
      `  full sync:        ${r.fullRequests} requests (minimum ${r.minimumRequests}, ${(((r.fullRequests ?? 0) / minimum - 1) * 100).toFixed(1)}% over) in ${r.fullSeconds?.toFixed(2)} s`,
      `  throughput:       ${r.recordsPerSecond} records/s (${r.pullRequestsPerSecond} PRs/s)`,
      `  incremental:      ${r.incrementalRequests} requests, ${r.incrementalRecordsChanged} records changed, ${r.incrementalSeconds?.toFixed(2)} s`,
      `  peak RSS:         ${r.peakRssMiB} MiB (database ${r.databaseMiB} MiB)`,
    ].join("\n"),
  );
}
