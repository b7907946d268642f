/**
 * A 403/404 on one resource of one repository. Bitbucket answers so for a repository without
 * Pipelines (some 404, some 403) and for repositories that list but deny a resource; other crawlers
 * treat that as "unavailable", not fatal (api-notes.md §9.13; insight `paginate_optional`). It is
 * deliberately not a CliError: the crawl catches it and marks the repository, so one that escapes
 * is a bug in the crawl.
 */

/** The per-repository resources that may be unavailable without failing the run. */
export type RepositoryResource =
  | "pipelines"
  | "pipeline"
  | "pipeline steps"
  | "environments"
  | "deployments"
  | "branching model"
  | "branches"
  | "commits";

/** Thrown by the client when a repository resource answers 403 or 404. */
export class ResourceUnavailableError extends Error {
  readonly status: 403 | 404;
  readonly resource: RepositoryResource;
  readonly workspace: string;
  readonly repoSlug: string;

  constructor(resource: RepositoryResource, workspace: string, repoSlug: string, status: 403 | 404) {
    // No path: a commits path holds the main branch name, which never goes into a message (DESIGN.md §2).
    super(`Bitbucket has no ${resource} for ${workspace}/${repoSlug} available to this token (HTTP ${status}).`);
    this.name = "ResourceUnavailableError";
    this.status = status;
    this.resource = resource;
    this.workspace = workspace;
    this.repoSlug = repoSlug;
  }
}

/** The `unavailable` handler of a repository resource: 403/404 become a ResourceUnavailableError. */
export function resourceUnavailable(
  resource: RepositoryResource,
  workspace: string,
  repoSlug: string,
): (status: 403 | 404) => ResourceUnavailableError {
  return (status) => new ResourceUnavailableError(resource, workspace, repoSlug, status);
}
