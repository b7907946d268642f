/**
 * Pipelines, their steps, deployment environments and deployments. A repository without Pipelines
 * answers 403 or 404 (api-notes.md §9.13): every method here then throws ResourceUnavailableError,
 * which the crawl catches to mark the repository rather than fail the run.
 */
import type { ClientCalls } from "./client-calls.ts";
import { endpoints } from "./endpoints.ts";
import { resourceUnavailable as unavailable } from "./resource-unavailable.ts";
import { normalizeUuid } from "./schemas/common.ts";
import type { Deployment, Environment, Page, Pipeline, PipelineStep } from "./types.ts";

/** The pipeline and deployment methods of the client. */
export interface PipelineMethods {
  /**
   * Pipelines newest first (sort=-created_on), pagelen 100, by page number: page N+1 is requested
   * even when Bitbucket leaves `next` out, until a short page or `size` is reached.
   */
  listPipelines(workspace: string, repoSlug: string): AsyncGenerator<Page<Pipeline>, void>;
  /** One pipeline by uuid, to revisit one that was still running. */
  getPipeline(workspace: string, repoSlug: string, uuid: string): Promise<Pipeline>;
  /** The steps of one pipeline, pagelen 100, by page number like pipelines (one request per pipeline at least). */
  listPipelineSteps(
    workspace: string,
    repoSlug: string,
    pipelineUuid: string,
  ): AsyncGenerator<Page<PipelineStep>, void>;
  /** The deployment environments of a repository, pagelen 100. */
  listEnvironments(workspace: string, repoSlug: string): AsyncGenerator<Page<Environment>, void>;
  /** Deployments, Bitbucket's default order (newest first), pagelen 50, unfiltered: filter dates on our side. */
  listDeployments(workspace: string, repoSlug: string): AsyncGenerator<Page<Deployment>, void>;
}

/** Creates the pipeline and deployment methods over the client's calls. */
export function createPipelineMethods(calls: ClientCalls): PipelineMethods {
  return {
    async *listPipelines(workspace, repoSlug) {
      const params = { workspace, repo_slug: repoSlug };
      yield* calls.walkNumbered(endpoints.pipelines, params, unavailable("pipelines", workspace, repoSlug));
    },
    async getPipeline(workspace, repoSlug, uuid) {
      const params = { workspace, repo_slug: repoSlug, pipeline_uuid: pipelineUuid(uuid) };
      return calls.getOne(endpoints.pipeline, params, unavailable("pipeline", workspace, repoSlug));
    },
    async *listPipelineSteps(workspace, repoSlug, uuid) {
      const params = { workspace, repo_slug: repoSlug, pipeline_uuid: pipelineUuid(uuid) };
      yield* calls.walkNumbered(endpoints.pipelineSteps, params, unavailable("pipeline steps", workspace, repoSlug));
    },
    async *listEnvironments(workspace, repoSlug) {
      const params = { workspace, repo_slug: repoSlug };
      yield* calls.walk(endpoints.environments, params, {}, unavailable("environments", workspace, repoSlug));
    },
    async *listDeployments(workspace, repoSlug) {
      const params = { workspace, repo_slug: repoSlug };
      yield* calls.walk(endpoints.deployments, params, {}, unavailable("deployments", workspace, repoSlug));
    },
  };
}

// Pipeline uuids go into the path with their braces, percent-encoded (%7B…%7D): api-notes.md §5.
function pipelineUuid(uuid: string): string {
  const normalized = normalizeUuid(uuid);
  if (normalized === undefined) throw new TypeError(`not a pipeline uuid: ${uuid}`);
  return normalized;
}
