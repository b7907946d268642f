/**
 * THE reviewed endpoint table (DESIGN.md §2, layer 1). Every Bitbucket URL the client sends is
 * built here, each with a `fields=` projection that lists only what is kept; nothing else may
 * build a Bitbucket URL. No endpoint that returns content (diff, src, comments, logs, variables)
 * belongs in this table.
 */
import type { z } from "zod";
import { currentUserSchema, workspaceSchema } from "./schemas/account.ts";
import { pullRequestSchema } from "./schemas/pull-request.ts";
import { repositorySchema } from "./schemas/repository.ts";

/** One entry of the table. */
export interface Endpoint<T> {
  /** Under the API base; `{name}` segments are filled with encodeURIComponent'ed values. */
  path: string;
  /** Set for paginated endpoints: the largest pagelen Bitbucket accepts (more is a 400, api-notes.md §3). */
  maxPagelen?: number;
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
} satisfies Record<string, Endpoint<unknown>>;

/** The `fields=` value of an endpoint: comma-joined, with `values.` prefixes and `next` when paginated. */
export function fieldsProjection(endpoint: Endpoint<unknown>): string {
  if (endpoint.maxPagelen === undefined) return endpoint.fields.join(",");
  return ["next", ...endpoint.fields.map((field) => `values.${field}`)].join(",");
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
