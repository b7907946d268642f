/** The generated workspaces of the benchmarks: one definition shared by the sandbox process and the minimum count. */
import type { GenerateWorkspaceOptions } from "../src/sandbox/index.ts";

/** Sizes of a benchmark workspace. */
export interface BenchSizes {
  repositories: number;
  pullRequests: number;
  pipelines: number;
  commits: number;
}

/** The generator options for given sizes (fixed seed: every run serves the same data). */
export function benchWorkspace(sizes: BenchSizes): GenerateWorkspaceOptions {
  return {
    seed: 2026,
    repositories: sizes.repositories,
    pullRequestsPerRepository: sizes.pullRequests,
    pipelinesPerRepository: sizes.pipelines,
    commitsPerRepository: sizes.commits,
  };
}
