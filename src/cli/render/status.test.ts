import { describe, expect, it } from "vitest";
import type { Status } from "../../status/read-status.ts";
import { renderStatus } from "./status.ts";

const repository = (slug: string) => ({
  slug,
  pullRequests: { OPEN: 12, MERGED: 1_234, DECLINED: 56, SUPERSEDED: 3, total: 1_305 },
  participants: 2_345,
  lastActivity: "2026-11-20T10:00:00.000Z",
});

const resources = (slug: string, pipelinesAvailable: "yes" | "no") => ({
  slug,
  prEvents: 12_345,
  pipelinesAvailable,
  pipelines: pipelinesAvailable === "yes" ? 2_000 : 0,
  pipelineSteps: 8_000,
  environments: 3,
  deployments: 1_500,
  commits: 4_321,
  branches: 120,
  staleBranches: 87,
});

const status: Status = {
  workspace: "acme",
  databaseFile: "/home/op/.local/share/corvana-bb/corvana-bb.sqlite",
  cacheExists: true,
  lastAcceptedBundle: null,
  runs: [],
  repositories: [repository("payments-service-with-a-long-name"), repository("web")],
  resources: [resources("payments-service-with-a-long-name", "yes"), resources("web", "no")],
  totals: {
    repositories: 200,
    pullRequests: 100_000,
    participants: 250_000,
    prEvents: 1_000_000,
    pipelines: 400_000,
    pipelineSteps: 0,
    deployments: 1_000,
    commits: 40_000,
    branches: 5_000,
  },
};

describe("status rendering", () => {
  it("shows the new resources per repository in a second table that fits 80 columns", () => {
    const text = renderStatus(status, false);
    expect(text).toContain("Activity, pipelines and branches by repository");
    expect(text).toMatch(/web\s*│\s*12,345\s*│\s*off\s*│/);
    expect(text).toContain("120 (87)");
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
