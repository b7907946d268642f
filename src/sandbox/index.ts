/** The Bitbucket Cloud sandbox: a generated workspace and a loopback server that serves it. */

export { type FeedEntry, listActivity } from "./activity.ts";
export type { BbqlSchema } from "./bbql-filter.ts";
export { type BitbucketSandbox, type BitbucketSandboxOptions, startBitbucketSandbox } from "./bitbucket-server.ts";
export { CANARY } from "./canary.ts";
export { listCommits } from "./commits.ts";
export { listDeployments, listEnvironments } from "./deployments.ts";
export { type ExpectedCounts, expectedCounts } from "./expected-counts.ts";
export type { FailNextRule, FaultOptions } from "./faults.ts";
export { DEFAULT_SANDBOX_NOW, type GenerateWorkspaceOptions, generateWorkspace } from "./generate.ts";
export { deriveBranches, deriveBranchingModel, STALE_AFTER_DAYS } from "./generate-branches.ts";
export { filterAndSort } from "./list-query.ts";
export type * from "./model.ts";
export { PULL_REQUEST_STATES } from "./model.ts";
export type * from "./model-resources.ts";
export { ENVIRONMENT_TYPES } from "./model-resources.ts";
export { addPullRequest, now, type PullRequestChange, setClock, touchPullRequest } from "./mutate.ts";
export { addCommit } from "./mutate-commits.ts";
export { addPipeline, completePipeline, type NewPipeline } from "./mutate-pipelines.ts";
export { type PageLimits, paginate } from "./paginate.ts";
export { type PersonalIdentifiers, personalIdentifiers } from "./people.ts";
export { findPipeline, listPipelineSteps, listPipelines } from "./pipelines.ts";
export { findPullRequest, listPullRequests, pullRequestCount, requireRepository } from "./pull-requests.ts";
export { assertSandboxClean, type RequestLogEntry } from "./request-log.ts";
export type { RouteRequest, RouteResponse, SandboxRoute } from "./routes.ts";
export { jsonError, ok } from "./routes.ts";
export { formatCommitDate, formatMicros, formatNanosZ } from "./timestamps.ts";
export type { TokenRegistry } from "./tokens.ts";
