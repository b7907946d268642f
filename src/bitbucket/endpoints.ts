/**
 * THE reviewed endpoint table (DESIGN.md §2, layer 1). Every Bitbucket URL the client sends is
 * built here, each with a `fields=` projection that lists only what is kept; nothing else may
 * build a Bitbucket URL. No endpoint that returns content (diff, src, comments, logs, variables)
 * belongs in this table.
 */
import type { z } from "zod";
import { currentUserSchema, workspaceSchema } from "./schemas/account.ts";
import { activitySchema } from "./schemas/activity.ts";
import { branchSchema, effectiveBranchingModelSchema } from "./schemas/branching.ts";
import { commitSchema } from "./schemas/commit.ts";
import { deploymentSchema, environmentSchema } from "./schemas/deployment.ts";
import { pipelineSchema, pipelineStepSchema } from "./schemas/pipeline.ts";
import { pullRequestSchema } from "./schemas/pull-request.ts";
import { repositorySchema } from "./schemas/repository.ts";

/** One entry of the table. */
export interface Endpoint<T> {
  /** Under the API base; `{name}` segments are filled with encodeURIComponent'ed values. */
  path: string;
  /**
   * Set for paginated endpoints: the pagelen sent, the largest Bitbucket is known to accept (more
   * is a 400 "Invalid pagelen", not a clamp: api-notes.md §3).
   */
  maxPagelen?: number;
  /** Envelope keys a paginated endpoint asks for after `next` (page-numbered walks need page, pagelen, size). */
  envelope?: readonly string[];
  /** The kept fields of one value; a paginated endpoint sends them with `values.` and adds `next`. */
  fields: readonly string[];
  /** Query parameters sent on every call, in order (repeated names allowed). */
  query: readonly (readonly [string, string])[];
  /** Query parameters a caller may add (anything else is refused). */
  optionalQuery: readonly string[];
  /** The schema of one value. */
  schema: z.ZodType<T>;
}

const PULL_REQUEST_FIELDS = [
  "id",
  "state",
  "draft",
  "created_on",
  "updated_on",
  "author.uuid",
  "closed_by.uuid",
  "source.branch.name",
  "source.commit.hash",
  "destination.branch.name",
  "destination.commit.hash",
  "merge_commit.hash",
  "comment_count",
  "task_count",
  "reviewers.uuid",
  "participants.user.uuid",
  "participants.role",
  "participants.approved",
  "participants.state",
  "participants.participated_on",
] as const;

// The documented entry kinds of an activity feed; comments only as "who, when" (api-notes.md §5 › PR activity).
const ACTIVITY_FIELDS = [
  "pull_request.id",
  "update.date",
  "update.state",
  "update.author.uuid",
  "update.source.commit.hash",
  "approval.date",
  "approval.user.uuid",
  "changes_requested.date",
  "changes_requested.user.uuid",
  "comment.created_on",
  "comment.user.uuid",
] as const;

// target.ref_name is a branch or tag name, held in memory only; never variables (api-notes.md §5 › Pipelines).
const PIPELINE_FIELDS = [
  "uuid",
  "build_number",
  "created_on",
  "completed_on",
  "duration_in_seconds",
  "build_seconds_used",
  "state.name",
  "state.stage.name",
  "state.result.name",
  "trigger.name",
  "target.type",
  "target.ref_type",
  "target.ref_name",
  "target.selector.type",
  "target.pullrequest.id",
  "target.commit.hash",
  "creator.uuid",
] as const;

// Pipelines and steps may omit `next` although more pages exist (BCLOUD-13806, BCLOUD-20265;
// api-notes.md §3): page, pagelen and size let the client page by number itself.
const NUMBERED_ENVELOPE = ["page", "pagelen", "size"] as const;

/** The endpoints the client calls, by name. */
export const endpoints = {
  repositories: {
    path: "/repositories/{workspace}",
    maxPagelen: 100,
    fields: [
      "uuid",
      "slug",
      "is_private",
      "created_on",
      "updated_on",
      "size",
      "language",
      "mainbranch.name",
      "project.key",
      "project.uuid",
      "workspace.uuid",
    ],
    query: [],
    optionalQuery: [],
    schema: repositorySchema,
  },
  pullRequests: {
    path: "/repositories/{workspace}/{repo_slug}/pullrequests",
    maxPagelen: 50,
    fields: PULL_REQUEST_FIELDS,
    // The default is OPEN only: every state must be asked for (SPEC …/pullrequests GET). Sorting by
    // the immutable id (keyset, with `q=… AND id>N`) keeps rows from jumping pages mid-walk, which
    // sorting by updated_on allows (api-notes.md §9.4; constructorfabric/insight#3442).
    query: [
      ["state", "OPEN"],
      ["state", "MERGED"],
      ["state", "DECLINED"],
      ["state", "SUPERSEDED"],
      ["sort", "id"],
    ],
    optionalQuery: ["q"],
    schema: pullRequestSchema,
  },
  pullRequest: {
    path: "/repositories/{workspace}/{repo_slug}/pullrequests/{pull_request_id}",
    fields: PULL_REQUEST_FIELDS,
    query: [],
    optionalQuery: [],
    schema: pullRequestSchema,
  },
  currentUser: {
    path: "/user",
    fields: ["uuid"],
    query: [],
    optionalQuery: [],
    schema: currentUserSchema,
  },
  workspace: {
    path: "/workspaces/{workspace}",
    fields: ["uuid", "slug"],
    query: [],
    optionalQuery: [],
    schema: workspaceSchema,
  },
  // Repo-wide: one stream for all pull requests, newest first, iterator `next` with an opaque ctx=.
  // pagelen is capped like the per-PR feed (50; 100 is a 400, insight#1891).
  pullRequestActivity: {
    path: "/repositories/{workspace}/{repo_slug}/pullrequests/activity",
    maxPagelen: 50,
    fields: ACTIVITY_FIELDS,
    query: [],
    optionalQuery: [],
    schema: activitySchema,
  },
  pullRequestActivityFor: {
    path: "/repositories/{workspace}/{repo_slug}/pullrequests/{pull_request_id}/activity",
    maxPagelen: 50,
    fields: ACTIVITY_FIELDS,
    query: [],
    optionalQuery: [],
    schema: activitySchema,
  },
  // Newest first, so an incremental crawl stops at its cursor. Pipelines take their own query
  // parameters, not BBQL (SPEC …/pipelines GET); pagelen max 100 is documented there.
  pipelines: {
    path: "/repositories/{workspace}/{repo_slug}/pipelines",
    maxPagelen: 100,
    envelope: NUMBERED_ENVELOPE,
    fields: PIPELINE_FIELDS,
    query: [["sort", "-created_on"]],
    optionalQuery: ["page"],
    schema: pipelineSchema,
  },
  pipeline: {
    path: "/repositories/{workspace}/{repo_slug}/pipelines/{pipeline_uuid}",
    fields: PIPELINE_FIELDS,
    query: [],
    optionalQuery: [],
    schema: pipelineSchema,
  },
  // Never the step name, image or setup/script/teardown commands (build scripts: api-notes.md §9.14),
  // and never the log (…/steps/{uuid}/log).
  pipelineSteps: {
    path: "/repositories/{workspace}/{repo_slug}/pipelines/{pipeline_uuid}/steps",
    maxPagelen: 100,
    envelope: NUMBERED_ENVELOPE,
    fields: [
      "uuid",
      "pipeline.uuid",
      "state.name",
      "state.result.name",
      "started_on",
      "completed_on",
      "duration_in_seconds",
      "build_seconds_used",
    ],
    query: [],
    optionalQuery: ["page"],
    schema: pipelineStepSchema,
  },
  // Environment names are free text: only the type (Test, Staging, Production) and its rank.
  environments: {
    path: "/repositories/{workspace}/{repo_slug}/environments",
    maxPagelen: 100,
    fields: ["uuid", "environment_type.name", "environment_type.rank"],
    query: [],
    optionalQuery: [],
    schema: environmentSchema,
  },
  // No q and no sort: Bitbucket ignores q here and answers sort=created_on with a 400, so the
  // crawl filters dates itself (insight README, api-notes.md §4, §9.9). 50 is what DevLake uses;
  // 100 is untested against Bitbucket (api-notes.md §3).
  deployments: {
    path: "/repositories/{workspace}/{repo_slug}/deployments",
    maxPagelen: 50,
    fields: [
      "uuid",
      "environment.uuid",
      "state.name",
      "state.status.name",
      "state.started_on",
      "state.completed_on",
      "release.pipeline.uuid",
      "release.commit.hash",
      "last_update_time",
    ],
    query: [],
    optionalQuery: [],
    schema: deploymentSchema,
  },
  // The effective model (project settings included) needs no admin scope, unlike
  // …/branching-model/settings (api-notes.md §5 › Branching model).
  effectiveBranchingModel: {
    path: "/repositories/{workspace}/{repo_slug}/effective-branching-model",
    fields: [
      "development.name",
      "development.branch.name",
      "development.use_mainbranch",
      "production.name",
      "production.branch.name",
      "production.use_mainbranch",
      "branch_types.kind",
      "branch_types.prefix",
    ],
    query: [],
    optionalQuery: [],
    schema: effectiveBranchingModelSchema,
  },
  // The target commit's date only: never its message or author string (api-notes.md §5).
  branches: {
    path: "/repositories/{workspace}/{repo_slug}/refs/branches",
    maxPagelen: 100,
    fields: ["name", "target.date"],
    query: [],
    optionalQuery: [],
    schema: branchSchema,
  },
  // Commits reachable from a revision, newest first; iterator pagination (an opaque page=<hash>),
  // so `next` is the only way forward. Never message, summary or author.raw (api-notes.md §5).
  commits: {
    path: "/repositories/{workspace}/{repo_slug}/commits/{revision}",
    maxPagelen: 100,
    fields: ["hash", "date", "parents.hash", "author.user.uuid"],
    query: [],
    optionalQuery: [],
    schema: commitSchema,
  },
} satisfies Record<string, Endpoint<unknown>>;

/**
 * The `fields=` value of an endpoint: comma-joined; when paginated, `next` and any envelope keys
 * first, then the fields with `values.` prefixes (SPEC narrative › Partial responses).
 */
export function fieldsProjection(endpoint: Endpoint<unknown>): string {
  if (endpoint.maxPagelen === undefined) return endpoint.fields.join(",");
  const values = endpoint.fields.map((field) => `values.${field}`);
  return ["next", ...(endpoint.envelope ?? []), ...values].join(",");
}

/** Builds the URL of one call: path parameters, fixed query, pagelen at the cap, fields, and allowed extras. */
export function buildUrl(
  baseUrl: string,
  endpoint: Endpoint<unknown>,
  params: Record<string, string | number>,
  extra: Record<string, string> = {},
): string {
  const path = endpoint.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === "") {
      throw new TypeError(`missing path parameter ${name} for ${endpoint.path}`);
    }
    // encodeURIComponent keeps uuids usable as path segments: {…} becomes %7B…%7D.
    return encodeURIComponent(String(value));
  });
  const query: [string, string][] = endpoint.query.map(([k, v]) => [k, v]);
  if (endpoint.maxPagelen !== undefined) {
    query.push(["pagelen", String(endpoint.maxPagelen)]);
  }
  for (const [name, value] of Object.entries(extra)) {
    if (!endpoint.optionalQuery.includes(name)) {
      throw new TypeError(`query parameter ${name} is not allowed for ${endpoint.path}`);
    }
    query.push([name, value]);
  }
  query.push(["fields", fieldsProjection(endpoint)]);
  const search = query.map(([name, value]) => `${name}=${encodeQueryValue(value)}`).join("&");
  return `${baseUrl.replace(/\/+$/, "")}${path}?${search}`;
}

// Every reserved character is escaped (a literal `+` must travel as %2B, or Bitbucket reads a
// space: SPEC narrative › Partial responses) except the commas that separate `fields`.
function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ",");
}
