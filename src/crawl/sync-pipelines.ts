/**
 * Pipelines of one repository. Listed newest first (sort=-created_on) by page number, since Bitbucket may
 * leave out `next` here (the client handles that: api-notes.md §3). A walk stops at the page that reaches
 * below the newest pipeline of the last completed walk (or the look-back window's start), then the stored
 * pipelines that had not completed are fetched one by one. A 403/404 means Pipelines is not enabled: the
 * repository is marked, not failed, and checked again after a week or on --full.
 *
 * Resuming: the newest created_on becomes the cursor only when a walk completes, so a killed walk starts
 * again from page 1 with the old stop point and re-reads what it had stored (no-op upserts).
 */
import { ResourceUnavailableError } from "../bitbucket/resource-unavailable.ts";
import { accessLostError } from "./access-lost.ts";
import { commitPage, countFetched, type RepositoryCrawl } from "./crawl-context.ts";
import { markDeploymentsDue } from "./sync-deployments.ts";
import { toPipelineRow } from "./to-pipeline-rows.ts";

/** The stored cursor of a repository's pipeline walk. */
export interface PipelineCursor {
  /** created_on of the newest pipeline when the last walk completed: the next walk stops below it. */
  newest: string | null;
  /** The newest created_on the walk in progress has seen; becomes `newest` when it completes. */
  walkNewest: string | null;
}

/** A repository found without Pipelines is checked again after this long (or on --full). */
export const pipelinesRecheckMs = 7 * 24 * 60 * 60 * 1000;

/** Pipelines created this close before the cursor are read again: tolerates runs becoming visible late. */
const overlapMs = 5 * 60 * 1000;

const resource = "pipelines";

/** Crawls the pipelines of one repository; false when the repository has no Pipelines (so no steps or deployments). */
export async function syncPipelines(crawl: RepositoryCrawl): Promise<boolean> {
  const { ctx, repo } = crawl;
  const now = ctx.now();
  const flag = ctx.store.flags.pipelines(repo.uuid);
  const checkedRecently = flag.checkedOn !== null && now.getTime() - Date.parse(flag.checkedOn) < pipelinesRecheckMs;
  if (flag.pipelines === "no" && checkedRecently && !ctx.full) return false;
  let seen: Set<string>;
  try {
    seen = await walkPipelines(crawl);
  } catch (error) {
    if (!(error instanceof ResourceUnavailableError && error.resource === "pipelines")) throw error;
    commitPage(crawl, () => ctx.store.flags.setPipelines(repo.uuid, "no", now.toISOString(), ctx.run));
    return false;
  }
  commitPage(crawl, () => ctx.store.flags.setPipelines(repo.uuid, "yes", now.toISOString(), ctx.run));
  await revisitUnfinished(crawl, seen);
  return true;
}

async function walkPipelines(crawl: RepositoryCrawl): Promise<Set<string>> {
  const { ctx, repo } = crawl;
  const { store } = ctx;
  const saved = store.cursors.get<PipelineCursor>(repo.uuid, resource) ?? { newest: null, walkNewest: null };
  const stopBelow = saved.newest === null ? ctx.windowStart : minus(saved.newest, overlapMs);
  let walkNewest = saved.walkNewest;
  const seen = new Set<string>();
  for await (const page of ctx.client.listPipelines(ctx.workspace, repo.slug)) {
    countFetched(crawl, "pipelines", page.values.length);
    for (const pipeline of page.values) {
      seen.add(pipeline.uuid);
      if (walkNewest === null || pipeline.createdOn > walkNewest) walkNewest = pipeline.createdOn;
    }
    const keep = page.values.filter((p) => ctx.windowStart === null || p.createdOn >= ctx.windowStart);
    const last = page.next === undefined || (stopBelow !== null && page.values.some((p) => p.createdOn < stopBelow));
    const cursor: PipelineCursor = last
      ? { newest: later(saved.newest, walkNewest), walkNewest: null }
      : { newest: saved.newest, walkNewest };
    commitPage(crawl, () => {
      const changedCreated: string[] = [];
      for (const pipeline of keep) {
        if (store.pipelines.upsert(toPipelineRow(repo, pipeline, ctx.keys), ctx.run) > 0) {
          changedCreated.push(pipeline.createdOn);
        }
      }
      markDeploymentsDue(store, repo.uuid, changedCreated.sort()[0]);
      store.cursors.set(repo.uuid, resource, cursor);
      return changedCreated.length;
    });
    if (last) break;
  }
  if (ctx.full && seen.size === 0) {
    const held = store.pipelines.count(repo.uuid, ctx.windowStart);
    if (held > 0) throw accessLostError(`pipelines for ${ctx.workspace}/${repo.slug}`, held);
  }
  return seen;
}

/** Fetches the stored pipelines that were still running and that this walk did not list again. */
async function revisitUnfinished(crawl: RepositoryCrawl, seen: ReadonlySet<string>): Promise<void> {
  const { ctx, repo } = crawl;
  const { store } = ctx;
  for (const uuid of store.pipelines.unfinished(repo.uuid, ctx.windowStart)) {
    if (seen.has(uuid)) continue;
    let pipeline: Awaited<ReturnType<typeof ctx.client.getPipeline>>;
    try {
      pipeline = await ctx.client.getPipeline(ctx.workspace, repo.slug, uuid);
    } catch (error) {
      // One run gone (deleted with its branch, say) must not stop the others; it is tried again next run.
      if (error instanceof ResourceUnavailableError) continue;
      throw error;
    }
    countFetched(crawl, "pipelines", 1);
    commitPage(crawl, () => {
      const changed = store.pipelines.upsert(toPipelineRow(repo, pipeline, ctx.keys), ctx.run);
      if (changed > 0) markDeploymentsDue(store, repo.uuid, pipeline.createdOn);
      return changed;
    });
  }
}

function minus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) - ms).toISOString();
}

function later(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}
