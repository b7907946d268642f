/**
 * Benchmark of bundles (not a timed test): for the generated workspace served by the sandbox in its own process,
 * sync into a temporary cache, then — each in a fresh process, so peak RSS is the step's own — build signed
 * bundles of everything, and verify and inspect them. At 1× and 10× to show that memory stays flat.
 *
 *   node bench/bundle.bench.ts              # 50 × 400 and 500 × 400
 *   node bench/bundle.bench.ts 50 400       # one scale: repositories, pull requests per repository
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
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

async function step(...args: string[]): Promise<Record<string, number>> {
  const child = spawn(process.execPath, [path.join(here, "bundle-run.ts"), ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return JSON.parse(await firstLine(child)) as Record<string, number>;
}

async function measure(repositories: number, pullRequests: number) {
  const sandbox = spawn(
    process.execPath,
    [path.join(here, "bundle-sandbox.ts"), String(repositories), String(pullRequests)],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-bundle-bench-"));
  try {
    const { url, workspace } = JSON.parse(await firstLine(sandbox)) as { url: string; workspace: string };
    const cache = path.join(dir, "cache.sqlite");
    const out = path.join(dir, "bundles");
    fs.mkdirSync(out);
    const sync = await step("sync", url, workspace, cache);
    const build = await step("build", cache, out, workspace);
    const verify = await step("verify", out);
    return { sync, build, verify };
  } finally {
    sandbox.kill("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
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
  const { sync, build, verify } = await measure(repositories, pullRequests);
  console.log(
    [
      `${repositories} repositories × ${pullRequests} PRs: ${build.records} records (fixture sync ${sync.seconds?.toFixed(1)} s)`,
      `  build:   ${build.bundles} bundle(s), ${build.seconds?.toFixed(2)} s, ${build.recordsPerSecond} records/s, ${build.bytesPerRecord} bytes/record (${build.bytes} bytes), peak RSS ${build.peakRssMiB} MiB`,
      `  verify:  ${verify.verifySeconds?.toFixed(2)} s, ${verify.verifyRecordsPerSecond} records/s (signature + SHA-256)`,
      `  inspect: ${verify.inspectSeconds?.toFixed(2)} s, ${verify.inspectRecordsPerSecond} records/s (every record parsed and checked); peak RSS ${verify.peakRssMiB} MiB`,
    ].join("\n"),
  );
}
