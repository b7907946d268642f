/**
 * The least number of requests a complete first crawl of a generated workspace can make: for every resource, its
 * items divided by the largest page Bitbucket serves for it (at least one request per resource asked): the
 * yardstick of the crawl benchmark.
 */
import { expectedCounts, generateWorkspace } from "../src/sandbox/index.ts";
import { type BenchSizes, benchWorkspace } from "./workspace.ts";

const pages = (items: number, pagelen: number) => Math.max(1, Math.ceil(items / pagelen));

/** Minimum requests, in total and per resource. */
export function minimumRequests(sizes: BenchSizes): Record<string, number> {
  const model = generateWorkspace(benchWorkspace(sizes));
  const total: Record<string, number> = { repositories: pages(model.repositories.length, 100) };
  const add = (key: string, n: number) => {
    total[key] = (total[key] ?? 0) + n;
  };
  for (const repo of model.repositories) {
    const c = expectedCounts(model, repo.slug);
    add("pullRequests", pages(c.pullRequests, 50));
    add("prActivity", pages(c.activityEntries, 50));
    if (c.pipelinesUnavailable !== null) {
      add("pipelines", 1);
    } else {
      add("pipelines", pages(c.pipelines, 100));
      if (c.pipelines > 0) {
        add("environments", pages(c.environments, 100));
        add("deployments", pages(c.deployments, 100));
      }
    }
    add("branchingModel", 1);
    add("branches", pages(c.branches, 100));
    if (sizes.commits > 0) add("commits", pages(c.commits, 100));
  }
  total.total = Object.values(total).reduce((a, b) => a + b, 0);
  return total;
}
