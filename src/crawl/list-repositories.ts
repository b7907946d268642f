/**
 * The first step of a sync: list the workspace's repositories, keep those in scope, store them (and, on
 * --full, forget their cursors) a page at a time. An empty list where the cache holds repositories of the
 * workspace is a token that lost access, reported and never acted on.
 */
import { accessLostError } from "./access-lost.ts";
import type { CrawlContext, CrawlRepository } from "./crawl-context.ts";
import type { SyncReporter } from "./progress.ts";
import { createRepositoryFilter } from "./repository-scope.ts";
import { toRepositoryRow } from "./to-rows.ts";

/** Which repositories are in scope, and where to report how many were found. */
export interface RepositoryScope {
  includeRepositories?: readonly string[] | undefined;
  excludeRepositories?: readonly string[] | undefined;
  report?: SyncReporter | undefined;
}

/** Lists and stores the repositories in scope; an empty list where the cache holds some is lost access. */
export async function listRepositories(
  ctx: CrawlContext,
  scope: RepositoryScope,
  changed: (n: number) => void,
): Promise<CrawlRepository[]> {
  const { client, store, workspace } = ctx;
  const inScope = createRepositoryFilter(scope.includeRepositories ?? [], scope.excludeRepositories ?? []);
  const repos: CrawlRepository[] = [];
  let listed = 0;
  for await (const page of client.listRepositories(workspace)) {
    listed += page.values.length;
    ctx.tally.fetched.repositories += page.values.length;
    const kept = page.values.filter((repo) => inScope(repo.slug));
    changed(
      store.transaction(() => {
        let changes = 0;
        for (const repo of kept) {
          changes += store.repositories.upsert(toRepositoryRow(workspace, repo), ctx.run);
          if (ctx.full) store.cursors.clear(repo.uuid);
          repos.push({ uuid: repo.uuid, slug: repo.slug, mainBranch: repo.mainBranch, updatedOn: repo.updatedOn });
        }
        return changes;
      }),
    );
  }
  if (listed === 0) {
    const held = store.repositories.list(workspace).length;
    if (held > 0) throw accessLostError(`repositories in workspace ${workspace}`, held);
  }
  scope.report?.({ type: "repositories", count: repos.length, excluded: listed - repos.length });
  return repos;
}
