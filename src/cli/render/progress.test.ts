import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { emptyCounts } from "../../crawl/crawl-context.ts";
import type { CliIo } from "../io.ts";
import { createProgress, describeCounts } from "./progress.ts";

function io(tty: boolean): { io: CliIo; text: () => string } {
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let text = "";
  stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  const value: CliIo = {
    env: {},
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    stderr,
    onSignal: () => () => {},
  };
  return { io: value, text: () => text };
}

const counts = { ...emptyCounts(), pullRequests: 1_200, prActivity: 45, commits: 3 };

describe("sync progress", () => {
  it("writes one timestamped line per repository without a terminal, not one per page", () => {
    const sink = io(false);
    const progress = createProgress(sink.io, { quiet: false });
    progress.report({ type: "repositories", count: 2, excluded: 1 });
    progress.report({ type: "progress", fetched: counts, requests: 10, done: 0, total: 2 });
    progress.report({ type: "repository-done", slug: "api", fetched: counts, changed: 7, done: 1, total: 2 });
    progress.report({ type: "pipelines-unavailable", slug: "web" });
    progress.stop();
    const lines = sink.text().trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T.* found 2 repositories \(1 left out/);
    expect(lines[1]).toContain(
      "repositories 1/2: api: 1,200 pull requests, 45 activity entries, 3 commits (7 records changed)",
    );
    expect(lines[2]).toContain("web: no Pipelines");
  });

  it("prints nothing with --quiet", () => {
    const sink = io(false);
    const progress = createProgress(sink.io, { quiet: true });
    progress.report({ type: "repository-done", slug: "api", fetched: counts, changed: 7, done: 1, total: 2 });
    expect(sink.text()).toBe("");
  });

  it("names only the resources that were fetched", () => {
    expect(describeCounts(emptyCounts(), { ...shortNames() })).toBe("nothing new");
  });
});

function shortNames() {
  return {
    repositories: "repos",
    pullRequests: "PRs",
    prActivity: "activity",
    pipelines: "pipelines",
    pipelineSteps: "steps",
    environments: "envs",
    deployments: "deploys",
    branches: "branches",
    commits: "commits",
  };
}
