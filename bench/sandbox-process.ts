/**
 * Serves a generated sandbox workspace from its own process, so a benchmark measures the collector's memory
 * and not the simulated Bitbucket's. Prints `{"url": …}` on stdout once listening; stops on SIGTERM.
 *
 *   node bench/sandbox-process.ts REPOSITORIES PRS_PER_REPO [LATENCY_MS] [PIPELINES_PER_REPO] [COMMITS_PER_REPO]
 */
import { generateWorkspace, startBitbucketSandbox } from "../src/sandbox/index.ts";
import { benchWorkspace } from "./workspace.ts";

const [repositories, pullRequests, latencyMs, pipelines, commits] = process.argv.slice(2).map(Number);
const model = generateWorkspace(
  benchWorkspace({
    repositories: repositories ?? 50,
    pullRequests: pullRequests ?? 400,
    pipelines: pipelines ?? 0,
    commits: commits ?? 0,
  }),
);
const sandbox = await startBitbucketSandbox({ model, tokens: ["bench-token"], faults: { latencyMs: latencyMs ?? 0 } });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, workspace: model.workspace.slug })}\n`);
process.on("SIGTERM", () => {
  void sandbox.close().then(() => process.exit(0));
});
