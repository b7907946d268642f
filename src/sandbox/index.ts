/** The Bitbucket Cloud sandbox: a generated workspace and a loopback server that serves it. */

export type { BbqlSchema } from "./bbql-filter.ts";
export { type BitbucketSandbox, type BitbucketSandboxOptions, startBitbucketSandbox } from "./bitbucket-server.ts";
export { CANARY } from "./canary.ts";
export type { FailNextRule, FaultOptions } from "./faults.ts";
export { DEFAULT_SANDBOX_NOW, type GenerateWorkspaceOptions, generateWorkspace } from "./generate.ts";
export { filterAndSort } from "./list-query.ts";
export type * from "./model.ts";
export { PULL_REQUEST_STATES } from "./model.ts";
export { addPullRequest, now, type PullRequestChange, setClock, touchPullRequest } from "./mutate.ts";
export { type PageLimits, paginate } from "./paginate.ts";
export { type PersonalIdentifiers, personalIdentifiers } from "./people.ts";
export { findPullRequest, listPullRequests, pullRequestCount, requireRepository } from "./pull-requests.ts";
export { assertSandboxClean, type RequestLogEntry } from "./request-log.ts";
export type { RouteRequest, RouteResponse, SandboxRoute } from "./routes.ts";
export { jsonError, ok } from "./routes.ts";
export type { TokenRegistry } from "./tokens.ts";
