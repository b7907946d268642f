/**
 * The branch strategy of one repository: the effective branching model (readable without admin scope,
 * unlike …/branching-model/settings: api-notes.md §5) and, categorised by it, the number of branches and
 * of stale branches per category. Branch names are categorised in memory and never stored. Refreshed when
 * the repository's updated_on moved (a push) or the last snapshot is older than a day (staleness moves
 * with the clock), and on --full. The whole snapshot commits at once with its cursor: a killed snapshot is
 * simply taken again.
 */
import { ResourceUnavailableError } from "../bitbucket/resource-unavailable.ts";
import type { EffectiveBranchingModel } from "../bitbucket/types.ts";
import { categoriseBranch } from "../privacy/branch-category.ts";
import { commitPage, countFetched, type RepositoryCrawl } from "./crawl-context.ts";
import { branchCategories, categorisationModel, toBranchingModelRow } from "./to-branch-rows.ts";

/** The stored cursor of a repository's branch snapshot. */
export interface BranchCursor {
  /** The repository's updated_on when the snapshot was taken. */
  repoUpdatedOn: string;
  snapshotAt: string;
}

/** A snapshot older than this is taken again even when the repository did not move. */
export const branchSnapshotMaxAgeMs = 24 * 60 * 60 * 1000;

const resource = "branches";
const dayMs = 24 * 60 * 60 * 1000;

/** Takes a new branch snapshot of the repository when one is due. */
export async function syncBranches(crawl: RepositoryCrawl): Promise<void> {
  const { ctx, repo } = crawl;
  const now = ctx.now();
  const cursor = ctx.store.cursors.get<BranchCursor>(repo.uuid, resource);
  const fresh =
    cursor !== undefined &&
    cursor.repoUpdatedOn === repo.updatedOn &&
    now.getTime() - Date.parse(cursor.snapshotAt) < branchSnapshotMaxAgeMs;
  if (fresh && !ctx.full) return;

  const model = await readModel(crawl);
  const counts = await countBranches(crawl, model, now);
  commitPage(crawl, () => {
    const { store, run } = ctx;
    let changed = model === null ? 0 : store.branches.upsertModel(toBranchingModelRow(repo, model), run);
    for (const [category, count] of counts ?? []) {
      const staleAfterDays = ctx.settings.staleBranchDays;
      changed += store.branches.upsertStats({ repoUuid: repo.uuid, category, ...count, staleAfterDays }, run);
    }
    store.cursors.set(repo.uuid, resource, {
      repoUpdatedOn: repo.updatedOn,
      snapshotAt: now.toISOString(),
    } satisfies BranchCursor);
    return changed;
  });
}

async function readModel(crawl: RepositoryCrawl): Promise<EffectiveBranchingModel | null> {
  const { ctx, repo } = crawl;
  try {
    return await ctx.client.getEffectiveBranchingModel(ctx.workspace, repo.slug);
  } catch (error) {
    // Without a model the common conventions still categorise the branches.
    if (error instanceof ResourceUnavailableError) return null;
    throw error;
  }
}

/** Branch and stale-branch counts per category (every category, zeros included), or null when unavailable. */
async function countBranches(
  crawl: RepositoryCrawl,
  model: EffectiveBranchingModel | null,
  now: Date,
): Promise<Map<string, { branches: number; stale: number }> | null> {
  const { ctx, repo } = crawl;
  const categorisation = categorisationModel(repo, model);
  const staleBefore = new Date(now.getTime() - ctx.settings.staleBranchDays * dayMs).toISOString();
  const counts = new Map(branchCategories.map((c) => [c as string, { branches: 0, stale: 0 }]));
  try {
    for await (const page of ctx.client.listBranches(ctx.workspace, repo.slug)) {
      countFetched(crawl, "branches", page.values.length);
      for (const branch of page.values) {
        const count = counts.get(categoriseBranch(branch.name, categorisation) ?? "other");
        if (count === undefined) continue;
        count.branches += 1;
        if (branch.lastCommitDate !== null && branch.lastCommitDate < staleBefore) count.stale += 1;
      }
    }
  } catch (error) {
    if (error instanceof ResourceUnavailableError) return null;
    throw error;
  }
  return counts;
}
