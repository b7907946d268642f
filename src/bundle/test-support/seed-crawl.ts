/**
 * Unit-test data for the record types of the complete crawl: per repository, the events of its pull requests
 * (and the times derived from them), a pipeline with a step, an environment with a deployment, the branching
 * model, branch counts for every category, two main-branch commits and the Pipelines flag.
 */
import { createHash } from "node:crypto";
import type { Store } from "../../store/store.ts";

const hex24 = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);
const uuid = (kind: number, r: number, n = 0) =>
  `{00000000-${String(kind).padStart(4, "0")}-4000-8000-${String(r * 1000 + n).padStart(12, "0")}}`;
const categories = ["main", "development", "feature", "bugfix", "hotfix", "release", "other"] as const;

/** How many rows of each crawl record type `seedCrawl` writes for `repositories` × `pullRequests`. */
export function crawlCounts(repositories: number, pullRequests: number): Record<string, number> {
  return {
    repository_flags: repositories,
    pr_event: repositories * pullRequests * 2,
    pipeline: repositories,
    pipeline_step: repositories,
    environment: repositories,
    deployment: repositories,
    branching_model: repositories,
    branch_stats: repositories * categories.length,
    commit: repositories * 2,
  };
}

/** Writes the crawl rows of repository `r` (whose pull requests `prIds` are stored) in `run`. */
export function seedCrawl(store: Store, run: number, r: number, prIds: readonly number[]): void {
  const repoUuid = `{00000000-0000-4000-8000-${String(r).padStart(12, "0")}}`;
  for (const prId of prIds) {
    const reviewer = { repoUuid, prId, actorKey: hex24(`reviewer-${prId % 3}`), state: null };
    store.prEvents.insert({ ...reviewer, kind: "approval", occurredOn: "2026-01-02T06:00:00.000Z" }, run);
    store.prEvents.insert(
      { repoUuid, prId, kind: "state_change", occurredOn: "2026-01-02T07:00:00.000Z", actorKey: null, state: "MERGED" },
      run,
    );
    store.prEvents.updateDerived(repoUuid, prId, run);
  }
  const pipeline = uuid(1, r);
  store.pipelines.upsert(
    {
      uuid: pipeline,
      repoUuid,
      buildNumber: r,
      state: "COMPLETED",
      stage: null,
      result: "SUCCESSFUL",
      createdOn: "2026-01-02T08:00:00.000Z",
      completedOn: "2026-01-02T08:05:00.000Z",
      durationSeconds: 300,
      buildSecondsUsed: 280,
      trigger: "PUSH",
      targetType: "pipeline_ref_target",
      refType: "branch",
      targetBranchCategory: "main",
      targetBranchKey: hex24(`main-${r}`),
      selectorType: "branches",
      prId: null,
      commit: "0123456789abcdef0123456789abcdef01234567",
      creatorKey: hex24("creator"),
    },
    run,
  );
  store.pipelines.upsertStep(
    {
      uuid: uuid(2, r),
      repoUuid,
      pipelineUuid: pipeline,
      state: "COMPLETED",
      result: "SUCCESSFUL",
      startedOn: "2026-01-02T08:00:10.000Z",
      completedOn: "2026-01-02T08:04:50.000Z",
      durationSeconds: 280,
      buildSecondsUsed: 280,
    },
    run,
  );
  store.deployments.upsertEnvironment({ uuid: uuid(3, r), repoUuid, type: "Production", rank: 2 }, run);
  store.deployments.upsert(
    {
      uuid: uuid(4, r),
      repoUuid,
      environmentUuid: uuid(3, r),
      environmentType: "Production",
      state: "COMPLETED",
      status: "SUCCESSFUL",
      startedOn: "2026-01-02T08:06:00.000Z",
      completedOn: "2026-01-02T08:07:00.000Z",
      pipelineUuid: pipeline,
      commit: "0123456789abcdef0123456789abcdef01234567",
      lastUpdateTime: "2026-01-02T08:07:00.000Z",
    },
    run,
  );
  store.branches.upsertModel(
    {
      repoUuid,
      developmentCategory: "development",
      productionEnabled: false,
      productionCategory: null,
      prefixKinds: { feature: true, bugfix: true, release: false, hotfix: r % 2 === 0 },
    },
    run,
  );
  for (const [i, category] of categories.entries()) {
    store.branches.upsertStats({ repoUuid, category, branches: i, stale: Math.floor(i / 2), staleAfterDays: 90 }, run);
  }
  for (const [i, isMerge] of [false, true].entries()) {
    store.commits.upsert(
      { repoUuid, hash: `${r}${i}`.padEnd(40, "a"), committedOn: "2026-01-02T09:00:00.000Z", authorKey: null, isMerge },
      run,
    );
  }
  store.flags.setPipelines(repoUuid, "yes", "2026-01-02T08:00:00.000Z", run);
}
