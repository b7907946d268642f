/**
 * Pull request activity: the repository-wide feed (one stream for every pull request, preferred
 * over one request per PR: api-notes.md §5 › Request-budget estimate) and the feed of one PR.
 * Both are newest first with iterator pagination (`next` carries an opaque ctx=), so `next` is
 * followed verbatim.
 */
import { pullRequestsUnavailable } from "./access-errors.ts";
import type { ClientCalls } from "./client-calls.ts";
import { endpoints } from "./endpoints.ts";
import type { Page, PullRequestActivity } from "./types.ts";

/** The activity methods of the client. */
export interface ActivityMethods {
  /** Every activity entry of every pull request of a repository, newest first, pagelen 50. */
  listPullRequestActivity(workspace: string, repoSlug: string): AsyncGenerator<Page<PullRequestActivity>, void>;
  /** The activity entries of one pull request, newest first, pagelen 50. */
  listPullRequestActivityFor(
    workspace: string,
    repoSlug: string,
    id: number,
  ): AsyncGenerator<Page<PullRequestActivity>, void>;
}

/** Creates the activity methods over the client's calls. */
export function createActivityMethods(calls: ClientCalls): ActivityMethods {
  return {
    async *listPullRequestActivity(workspace, repoSlug) {
      const pages = calls.walk(endpoints.pullRequestActivity, { workspace, repo_slug: repoSlug }, {}, (status) =>
        pullRequestsUnavailable(workspace, repoSlug, status),
      );
      yield* keptEntries(pages);
    },
    async *listPullRequestActivityFor(workspace, repoSlug, id) {
      if (!Number.isInteger(id) || id <= 0) {
        throw new TypeError(`pull request id must be a positive integer, got ${id}`);
      }
      const params = { workspace, repo_slug: repoSlug, pull_request_id: id };
      const pages = calls.walk(endpoints.pullRequestActivityFor, params, {}, (status) =>
        pullRequestsUnavailable(workspace, repoSlug, status, id),
      );
      yield* keptEntries(pages);
    },
  };
}

// Entries of a kind the crawl does not keep parse to null and are left out here, after pagination
// has seen them: a page of tasks only is not an empty (last) page.
async function* keptEntries(
  pages: AsyncGenerator<Page<PullRequestActivity | null>, void>,
): AsyncGenerator<Page<PullRequestActivity>, void> {
  for await (const page of pages) {
    yield { values: page.values.filter((entry) => entry !== null), next: page.next };
  }
}
