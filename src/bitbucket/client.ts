/**
 * The Bitbucket Cloud client: the endpoint table, pagination and schemas over one request
 * function wrapped in the policies, innermost first: transport → budget and shared pause →
 * retry → token refresh. Nothing untyped leaves it. Repositories, pull requests and accounts are
 * here; activity, pipelines/deployments and branches/commits are method groups in their own files.
 */
import { setTimeout as delay } from "node:timers/promises";
import type { Dispatcher } from "undici";
import { UsageError } from "../errors.ts";
import { currentUserUnavailable, pullRequestsUnavailable, workspaceUnavailable } from "./access-errors.ts";
import { type ActivityMethods, createActivityMethods } from "./activity-methods.ts";
import { type BranchMethods, createBranchMethods } from "./branch-methods.ts";
import { createRequestBudget } from "./budget.ts";
import { createClientCalls } from "./client-calls.ts";
import { endpoints } from "./endpoints.ts";
import { createPipelineMethods, type PipelineMethods } from "./pipeline-methods.ts";
import { pullRequestQuery } from "./pull-request-query.ts";
import { type JsonResult, readJson } from "./responses.ts";
import { DEFAULT_RETRY_OPTIONS, type RetryOptions, withRetry } from "./retry.ts";
import { createThrottle } from "./throttle.ts";
import { type OnUnauthorized, withTokenRefresh } from "./token-refresh.ts";
import { createTransport, type RequestFn, type TransportTimeouts } from "./transport.ts";
import type {
  BitbucketEvent,
  CurrentUser,
  Page,
  PullRequest,
  PullRequestFilter,
  Repository,
  Workspace,
} from "./types.ts";

/** What the client needs; everything after `userAgentVersion` has a sensible default. */
export interface BitbucketClientDeps {
  /** The API base including `/2.0` (CORVANA_BB_BITBUCKET_API_URL). */
  baseUrl: string;
  getAccessToken: () => Promise<string>;
  /** The full Authorization header (Basic for Atlassian API tokens); wins over getAccessToken when given. */
  getAuthorizationHeader?: (() => Promise<string>) | undefined;
  /** Token refresh hook for a 401: true = a new token is ready, retry once. */
  onUnauthorized?: OnUnauthorized;
  userAgentVersion: string;
  /** Requests this run may send, retries included; unlimited when absent. */
  requestBudget?: number | undefined;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  dispatcher?: Dispatcher;
  retry?: Partial<RetryOptions>;
  timeouts?: Partial<TransportTimeouts>;
  log?: (event: BitbucketEvent) => void;
  /** Aborts requests in flight (Ctrl-C). */
  signal?: AbortSignal;
}

/** Counters of one client: requests sent (retries included), retries, pauses after a 429, and the budget. */
export interface BitbucketClientStats {
  requests: number;
  retries: number;
  throttled: number;
  budget: number | undefined;
}

/** Typed, allowlisted access to the Bitbucket Cloud endpoints the crawl needs. */
export interface BitbucketClient extends ActivityMethods, PipelineMethods, BranchMethods {
  /** Every repository of the workspace, a page at a time (pagelen 100). */
  listRepositories(workspace: string): AsyncGenerator<Page<Repository>, void>;
  /**
   * Pull requests in all four states, ascending id, pagelen 50, with reviewers and participants
   * requested through fields=; optionally only those updated after a time and/or above an id.
   */
  listPullRequests(
    workspace: string,
    repoSlug: string,
    filter?: PullRequestFilter,
  ): AsyncGenerator<Page<PullRequest>, void>;
  /** One pull request (used when a list page lacks participants). */
  getPullRequest(workspace: string, repoSlug: string, id: number): Promise<PullRequest>;
  /** The authenticated user (GET /user), for login checks: uuid only. */
  getCurrentUser(): Promise<CurrentUser>;
  /** A workspace by slug (GET /workspaces/{workspace}): uuid and slug. */
  getWorkspace(workspace: string): Promise<Workspace>;
  /** A snapshot of the counters. */
  readonly stats: BitbucketClientStats;
  /** Releases the keep-alive sockets. */
  close(): Promise<void>;
}

/** Creates a Bitbucket Cloud client. */
export function createBitbucketClient(deps: BitbucketClientDeps): BitbucketClient {
  const apiBase = checkBaseUrl(deps.baseUrl);
  const now = deps.now ?? Date.now;
  const signal = deps.signal;
  const sleep = deps.sleep ?? ((ms: number) => delay(ms, undefined, signal === undefined ? {} : { signal }));
  const counters = { retries: 0, throttled: 0 };
  const report = (event: BitbucketEvent): void => {
    if (event.type === "retry") counters.retries += 1;
    if (event.type === "throttled") counters.throttled += 1;
    deps.log?.(event);
  };
  const transport = createTransport({
    getAccessToken: deps.getAccessToken,
    getAuthorizationHeader: deps.getAuthorizationHeader,
    userAgentVersion: deps.userAgentVersion,
    ...(deps.dispatcher === undefined ? {} : { dispatcher: deps.dispatcher }),
    ...(deps.timeouts === undefined ? {} : { timeouts: deps.timeouts }),
  });
  const throttle = createThrottle({ now, sleep });
  const budget = createRequestBudget(deps.requestBudget);
  const send: RequestFn = async (request) => {
    signal?.throwIfAborted();
    budget.consume();
    await throttle.wait();
    return transport.request(request);
  };
  const request = withTokenRefresh(
    withRetry(send, {
      options: { ...DEFAULT_RETRY_OPTIONS, ...deps.retry },
      throttle,
      sleep,
      now,
      random: deps.random ?? Math.random,
      report,
    }),
    deps.onUnauthorized,
  );
  const getJson = async (url: string): Promise<JsonResult> =>
    readJson(await request({ url, ...(signal === undefined ? {} : { signal }) }), url);
  const calls = createClientCalls({ apiBase, getJson });
  const { walk, getOne } = calls;

  return {
    async *listRepositories(workspace) {
      yield* walk(endpoints.repositories, { workspace }, {}, (status) => workspaceUnavailable(workspace, status));
    },
    async *listPullRequests(workspace, repoSlug, filter = {}) {
      const q = pullRequestQuery(filter);
      const params = { workspace, repo_slug: repoSlug };
      yield* walk(endpoints.pullRequests, params, q === undefined ? {} : { q }, (status) =>
        pullRequestsUnavailable(workspace, repoSlug, status),
      );
    },
    async getPullRequest(workspace, repoSlug, id) {
      if (!Number.isInteger(id) || id <= 0) {
        throw new TypeError(`pull request id must be a positive integer, got ${id}`);
      }
      return getOne(endpoints.pullRequest, { workspace, repo_slug: repoSlug, pull_request_id: id }, (status) =>
        pullRequestsUnavailable(workspace, repoSlug, status, id),
      );
    },
    getCurrentUser() {
      return getOne(endpoints.currentUser, {}, currentUserUnavailable);
    },
    getWorkspace(workspace) {
      return getOne(endpoints.workspace, { workspace }, (status) => workspaceUnavailable(workspace, status));
    },
    ...createActivityMethods(calls),
    ...createPipelineMethods(calls),
    ...createBranchMethods(calls),
    get stats() {
      return { requests: budget.used, ...counters, budget: budget.limit };
    },
    close: () => transport.close(),
  };
}

// The base comes from CORVANA_BB_BITBUCKET_API_URL, so a bad one is the operator's to fix.
function checkBaseUrl(baseUrl: string): string {
  const problem = baseUrlProblem(baseUrl);
  if (problem !== undefined) {
    throw new UsageError(`The Bitbucket API base ${problem}.`, {
      hint: "Set CORVANA_BB_BITBUCKET_API_URL to a URL like https://api.bitbucket.org/2.0, or unset it.",
    });
  }
  return baseUrl.replace(/\/+$/, "");
}

function baseUrlProblem(baseUrl: string): string | undefined {
  if (!URL.canParse(baseUrl)) return "is not a URL";
  const url = new URL(baseUrl);
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an http(s) URL";
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    return "must not carry a query, a fragment or credentials";
  }
  return undefined;
}
