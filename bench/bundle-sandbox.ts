/**
 * The sandbox for the bundle benchmark, in its own process: the generated workspace of bench/sandbox-process.ts
 * without pipelines and commits, which no bundle record type carries yet (they would only slow the fixture sync).
 * Prints `{"url", "workspace"}` once listening; stops on SIGTERM.
 */
import { generateWorkspace, startBitbucketSandbox } from "../src/sandbox/index.ts";

const [repositories, pullRequests] = process.argv.slice(2).map(Number);
const model = generateWorkspace({
  seed: 2026,
  repositories: repositories ?? 50,
  pullRequestsPerRepository: pullRequests ?? 400,
  pipelinesPerRepository: 0,
  commitsPerRepository: 0,
});
const sandbox = await startBitbucketSandbox({ model, tokens: ["bench-token"] });
process.stdout.write(`${JSON.stringify({ url: sandbox.url, workspace: model.workspace.slug })}\n`);
process.on("SIGTERM", () => {
  void sandbox.close().then(() => process.exit(0));
});
