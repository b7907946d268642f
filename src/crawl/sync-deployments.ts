/**
 * Deployment environments and deployments of one repository. Deployments come from pipeline steps, so
 * they are read only when the pipeline walk stored new or changed pipelines (the cursor says from which
 * creation time on), and on a first sync or --full. Bitbucket ignores date filters on /deployments and refuses
 * sort=created_on (api-notes.md §4, §9.9), so the list is read newest first and filtered here: a
 * deployment is dated by its pipeline's creation when that pipeline is stored, else by its own times.
 */
import { ResourceUnavailableError } from "../bitbucket/resource-unavailable.ts";
import type { Deployment } from "../bitbucket/types.ts";
import type { Store } from "../store/store.ts";
import { commitPage, countFetched, type RepositoryCrawl } from "./crawl-context.ts";
import { toDeploymentRow, toEnvironmentRow } from "./to-pipeline-rows.ts";

/** The stored cursor of a repository's deployments. */
export interface DeploymentCursor {
  /** Set while deployments are due: the creation time of the oldest pipeline that changed since the last read. */
  dueSince: string | null;
}

const resource = "deployments";

/** Records, inside the caller's transaction, that deployments of pipelines created at or after `createdOn` may have changed. */
export function markDeploymentsDue(store: Store, repoUuid: string, createdOn: string | undefined): void {
  if (createdOn === undefined) return;
  const due = store.cursors.get<DeploymentCursor>(repoUuid, resource)?.dueSince ?? null;
  if (due === null || createdOn < due) {
    store.cursors.set(repoUuid, resource, { dueSince: createdOn } satisfies DeploymentCursor);
  }
}

/**
 * Reads environments and deployments when they are due. Without a cursor (a first sync, or --full, which
 * clears cursors) they are due down to the window's start.
 */
export async function syncDeployments(crawl: RepositoryCrawl): Promise<void> {
  const { ctx, repo } = crawl;
  const cursor = ctx.store.cursors.get<DeploymentCursor>(repo.uuid, resource);
  if (cursor !== undefined && cursor.dueSince === null) return;
  const stopBelow = cursor === undefined ? ctx.windowStart : cursor.dueSince;
  try {
    await syncEnvironments(crawl);
    await walkDeployments(crawl, stopBelow);
  } catch (error) {
    if (!(error instanceof ResourceUnavailableError)) throw error;
    // Not retried every run: the next pipeline change makes deployments due again.
    commitPage(crawl, () => {
      ctx.store.cursors.set(repo.uuid, resource, { dueSince: null } satisfies DeploymentCursor);
      return 0;
    });
  }
}

async function syncEnvironments(crawl: RepositoryCrawl): Promise<void> {
  const { ctx, repo } = crawl;
  for await (const page of ctx.client.listEnvironments(ctx.workspace, repo.slug)) {
    countFetched(crawl, "environments", page.values.length);
    commitPage(crawl, () =>
      page.values.reduce(
        (n, env) => n + ctx.store.deployments.upsertEnvironment(toEnvironmentRow(repo, env), ctx.run),
        0,
      ),
    );
  }
}

async function walkDeployments(crawl: RepositoryCrawl, stopBelow: string | null): Promise<void> {
  const { ctx, repo } = crawl;
  const { store } = ctx;
  for await (const page of ctx.client.listDeployments(ctx.workspace, repo.slug)) {
    countFetched(crawl, "deployments", page.values.length);
    const dated = page.values.map((deployment) => ({ deployment, at: dateOf(store, deployment) }));
    const keep = dated.filter(({ at }) => ctx.windowStart === null || at === null || at >= ctx.windowStart);
    const last =
      page.next === undefined || (stopBelow !== null && dated.some(({ at }) => at !== null && at < stopBelow));
    commitPage(crawl, () => {
      let changed = 0;
      for (const { deployment } of keep) {
        const type = store.deployments.environmentType(deployment.environmentUuid);
        changed += store.deployments.upsert(toDeploymentRow(repo, deployment, type), ctx.run);
      }
      if (last) store.cursors.set(repo.uuid, resource, { dueSince: null } satisfies DeploymentCursor);
      return changed;
    });
    if (last) break;
  }
}

function dateOf(store: Store, deployment: Deployment): string | null {
  const pipelineCreated =
    deployment.pipelineUuid === null ? undefined : store.pipelines.createdOn(deployment.pipelineUuid);
  return pipelineCreated ?? deployment.startedOn ?? deployment.lastUpdateTime ?? deployment.completedOn;
}
