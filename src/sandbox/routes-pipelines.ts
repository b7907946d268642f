/**
 * Routes for pipeline runs and their steps. Pagination is list-based (`page`, `pagelen` at most
 * 100 per the SPEC, `size`), but Bitbucket may leave `next` out although more pages exist
 * (BCLOUD-13806, BCLOUD-20265): the `omitPipelineNext` fault knob does that. Runs sort by
 * `created_on` or `-created_on`; without `sort` they come oldest first (the API's default order is
 * undocumented, which is why clients send `sort=-created_on`). A repository without Pipelines
 * answers 404 or 403. Filter parameters (`target.branch`, `status`, …) and `q` are ignored.
 */
import type { FaultInjector } from "./faults.ts";
import type { SandboxRepository } from "./model.ts";
import type { SandboxPipeline } from "./model-resources.ts";
import { paginate } from "./paginate.ts";
import { bracedUuid } from "./pipelines.ts";
import { renderPipeline, renderStep } from "./render-pipeline.ts";
import type { ResourceIndexes } from "./resource-indexes.ts";
import { lookupPipelinesRepository } from "./route-lookup.ts";
import { jsonError, ok, type RouteResponse, type SandboxRoute } from "./routes.ts";

const PAGE_LIMITS = { defaultPagelen: 10, maxPagelen: 100 };

// The SPEC's sort keys for runs, by direction; creator.uuid is documented too but not served here.
const SORTS = new Map<string, 1 | -1>([
  ["created_on", 1],
  ["-created_on", -1],
  ["run_creation_date", 1],
  ["-run_creation_date", -1],
]);

const BASE = "/2.0/repositories/{workspace}/{repo}/pipelines";

/** The pipeline routes, reading runs through `indexes` and the missing-`next` knob through `faults`. */
export function pipelineRoutes(indexes: ResourceIndexes, faults: FaultInjector): SandboxRoute[] {
  const omitNext = (response: RouteResponse): RouteResponse => {
    if (!faults.omitPipelineNext() || response.status !== 200 || !("json" in response)) return response;
    const envelope = { ...(response.json as Record<string, unknown>) };
    delete envelope.next;
    return { ...response, json: envelope };
  };
  return [
    {
      path: BASE,
      handle: (request) => {
        const lookup = lookupPipelinesRepository(request);
        if (!lookup.ok) return lookup.response;
        const sort = request.query.get("sort") ?? "created_on";
        const direction = SORTS.get(sort);
        if (direction === undefined) return jsonError(400, "Invalid sort", `"${sort}" cannot be sorted on`);
        const { pipelines } = indexes.pipelines.get(lookup.repo);
        const ordered = direction === 1 ? pipelines : [...pipelines].reverse();
        return omitNext(paginate(request, ordered, PAGE_LIMITS, (p) => renderPipeline(request.ctx, lookup.repo, p)));
      },
    },
    {
      path: `${BASE}/{pipeline}`,
      handle: (request) => {
        const lookup = lookupPipelinesRepository(request);
        if (!lookup.ok) return lookup.response;
        const pipeline = find(indexes, lookup.repo, request.params.pipeline);
        return pipeline ? ok(renderPipeline(request.ctx, lookup.repo, pipeline)) : pipelineNotFound();
      },
    },
    {
      path: `${BASE}/{pipeline}/steps`,
      handle: (request) => {
        const lookup = lookupPipelinesRepository(request);
        if (!lookup.ok) return lookup.response;
        const pipeline = find(indexes, lookup.repo, request.params.pipeline);
        if (!pipeline) return pipelineNotFound();
        const steps = pipeline.steps.map((step, index) => ({ step, index }));
        const render = ({ step, index }: (typeof steps)[number]) => renderStep(lookup.repo, pipeline, step, index);
        return omitNext(paginate(request, steps, PAGE_LIMITS, render));
      },
    },
  ];
}

function find(
  indexes: ResourceIndexes,
  repo: SandboxRepository,
  uuid: string | undefined,
): SandboxPipeline | undefined {
  return indexes.pipelines.get(repo).byUuid.get(bracedUuid(uuid ?? ""));
}

function pipelineNotFound(): RouteResponse {
  return jsonError(404, "Resource not found", "No pipeline with this uuid in the repository.");
}
