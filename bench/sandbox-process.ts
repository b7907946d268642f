/**
 * Serves a generated sandbox workspace from its own process, so a benchmark measures the collector's memory
 * and not the simulated Bitbucket's. Prints `{"url": …}` on stdout once listening; stops on SIGTERM.
 */
import { generateWorkspace, startBitbucketSandbox } from "../src/sandbox/index.ts";

const [repositories, pullRequests, latencyMs] = process.argv.slice(2).map(Number);
const model = generateWorkspace({
  seed: 2026,
  repositories: repositories ?? 50,
  pullRequestsPerRepository: pullRequests ?? 400,
});
const sandbox = await startBitbucketSandbox({ model, tokens: ["bench-token"], faults: { latencyMs: latencyMs ?? 0 } });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, workspace: model.workspace.slug })}\n`);
process.on("SIGTERM", () => {
  void sandbox.close().then(() => process.exit(0));
});
