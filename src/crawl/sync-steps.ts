/**
 * Pipeline steps: opt-in, because they cost at least one request per pipeline (2,000 pipelines are 2,000
 * requests, two hours of Bitbucket's hourly limit: api-notes.md §5 › Request-budget estimate). With
 * `steps: "new"` only pipelines created after steps were turned on for the repository are read; with
 * `"all"` every completed pipeline in the look-back window, newest first. Either way a run spends at most
 * `maxStepRequestsPerRun` requests on steps; the rest waits for the next run.
 */
import { ResourceUnavailableError } from "../bitbucket/resource-unavailable.ts";
import { commitPage, countFetched, type RepositoryCrawl } from "./crawl-context.ts";
import { toStepRow } from "./to-pipeline-rows.ts";

/** The stored cursor of the step crawl (mode "new"). */
export interface StepsCursor {
  /** Steps are read for pipelines created after this (the newest pipeline stored when steps were turned on). */
  baseline: string | null;
}

const resource = "steps";
const batchSize = 50;

/** Reads the steps of completed pipelines as the settings allow. */
export async function syncSteps(crawl: RepositoryCrawl): Promise<void> {
  const { ctx, repo } = crawl;
  const { store, settings, tally } = ctx;
  if (settings.steps === "off") return;
  let after: string | null = null;
  if (settings.steps === "new") {
    let cursor = store.cursors.get<StepsCursor>(repo.uuid, resource);
    if (cursor === undefined) {
      const baseline: StepsCursor = { baseline: store.pipelines.newestCreatedOn(repo.uuid) };
      commitPage(crawl, () => {
        store.cursors.set(repo.uuid, resource, baseline);
        return 0;
      });
      cursor = baseline;
    }
    after = cursor.baseline;
  }
  while (tally.stepRequestsLeft > 0) {
    const query = { since: ctx.windowStart, after, limit: batchSize };
    const batch = store.pipelines.pendingSteps(repo.uuid, query);
    if (batch.length === 0) return;
    for (const uuid of batch) {
      if (tally.stepRequestsLeft <= 0) return;
      await readSteps(crawl, uuid);
    }
  }
}

async function readSteps(crawl: RepositoryCrawl, pipelineUuid: string): Promise<void> {
  const { ctx, repo } = crawl;
  const { store } = ctx;
  const markRead = () => store.pipelines.markStepsSynced(pipelineUuid, ctx.now().toISOString());
  try {
    for await (const page of ctx.client.listPipelineSteps(ctx.workspace, repo.slug, pipelineUuid)) {
      ctx.tally.stepRequestsLeft -= 1;
      countFetched(crawl, "pipelineSteps", page.values.length);
      commitPage(crawl, () => {
        let changed = 0;
        for (const step of page.values)
          changed += store.pipelines.upsertStep(toStepRow(repo, pipelineUuid, step), ctx.run);
        if (page.next === undefined) markRead();
        return changed;
      });
    }
  } catch (error) {
    if (!(error instanceof ResourceUnavailableError)) throw error;
    ctx.tally.stepRequestsLeft -= 1;
    commitPage(crawl, () => {
      markRead();
      return 0;
    });
  }
}
