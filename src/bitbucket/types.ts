/**
 * Domain types the Bitbucket client hands to the rest of the tool. They hold only allowlisted
 * metadata (DESIGN.md §2): no titles, descriptions, names, e-mails or links.
 */

/** One page of a paginated collection, with the `next` link it came with (absent on the last page). */
export interface Page<T> {
  values: T[];
  next: string | undefined;
}

/** A page of a page-numbered collection (pipelines, steps) with the envelope keys that were sent. */
export interface NumberedPage<T> extends Page<T> {
  page: number | undefined;
  pagelen: number | undefined;
  size: number | undefined;
}

/** A repository of the workspace, reduced to the kept fields. */
export interface Repository {
  uuid: string;
  slug: string;
  projectKey: string | null;
  projectUuid: string | null;
  isPrivate: boolean;
  createdOn: string;
  updatedOn: string;
  /** Held in memory only: the crawl turns branch names into categories before storage. */
  mainBranch: string | null;
  language: string | null;
  size: number | null;
  workspaceUuid: string | null;
}

/** The four states Bitbucket Cloud gives a pull request. */
export type PullRequestState = "OPEN" | "MERGED" | "DECLINED" | "SUPERSEDED";

/** A pull request, reduced to the kept fields; account uuids are lowercase with braces. */
export interface PullRequest {
  id: number;
  state: PullRequestState;
  draft: boolean;
  createdOn: string;
  updatedOn: string;
  /** null when the account was deleted (Bitbucket then sends no uuid). */
  authorUuid: string | null;
  closedByUuid: string | null;
  /** Branch names are held in memory only: the crawl turns them into categories before storage. */
  sourceBranch: string | null;
  destinationBranch: string | null;
  sourceCommit: string | null;
  destinationCommit: string | null;
  mergeCommit: string | null;
  commentCount: number;
  taskCount: number;
  /** Account uuids of the reviewers. */
  reviewers: string[];
  /** undefined = the server did not send the key at all (fetch the pull request on its own). */
  participants: Participant[] | undefined;
}

/** A reviewer or other participant of a pull request. */
export interface Participant {
  uuid: string;
  role: "PARTICIPANT" | "REVIEWER";
  approved: boolean;
  state: "approved" | "changes_requested" | null;
  participatedOn: string | null;
}

/** Which pull requests to list; both filters together are ANDed. */
export interface PullRequestFilter {
  /** Only pull requests with updated_on strictly after this timestamp (any Bitbucket form). */
  updatedAfter?: string | undefined;
  /** Only pull requests with an id above this one: resumes a walk in id order. */
  afterId?: number | undefined;
}

/** The authenticated account: its uuid only. */
export interface CurrentUser {
  uuid: string;
}

/** A workspace: its uuid and slug only. */
export interface Workspace {
  uuid: string;
  slug: string;
}

/** What the client reports to an optional logger; paths never carry a query string or a token. */
export type BitbucketEvent =
  | { type: "response"; path: string; status: number; attempt: number }
  | {
      type: "retry";
      path: string;
      reason: string;
      attempt: number;
      delayMs: number;
    }
  | { type: "throttled"; path: string; pauseMs: number };

/** The kinds of pull request activity the crawl keeps; anything else (tasks, attachments…) is skipped. */
export type ActivityKind = "update" | "approval" | "changes_requested" | "comment";

/**
 * One entry of a pull request's activity feed: what happened, when and by whom. Comments are
 * reduced to "a comment happened"; their content never leaves the client.
 */
export interface PullRequestActivity {
  pullRequestId: number;
  kind: ActivityKind;
  /** `update.date`, `approval.date`, `changes_requested.date` or `comment.created_on`. */
  date: string;
  /** The account that acted; null when it was deleted. */
  actorUuid: string | null;
  /** Update entries only (null otherwise, and for the legacy SUPERSEDED state, which the PR list carries). */
  state: "OPEN" | "MERGED" | "DECLINED" | null;
  /** Update entries only: the source commit at that moment; a change between updates is a push. */
  sourceCommit: string | null;
}

/** A pipeline run, reduced to the kept fields; state, stage, result and trigger are Bitbucket's enum names. */
export interface Pipeline {
  uuid: string;
  buildNumber: number;
  /** PENDING, IN_PROGRESS, COMPLETED (and variants such as PARSING or HALTED). */
  state: string;
  /** IN_PROGRESS only: RUNNING, PAUSED… */
  stage: string | null;
  /** COMPLETED only: SUCCESSFUL, FAILED, ERROR, STOPPED, EXPIRED… */
  result: string | null;
  createdOn: string;
  /** null while the pipeline is still running. */
  completedOn: string | null;
  durationSeconds: number | null;
  buildSecondsUsed: number | null;
  /** PUSH, MANUAL, SCHEDULE… */
  trigger: string | null;
  /** pipeline_ref_target, pipeline_pullrequest_target or pipeline_commit_target. */
  targetType: string | null;
  /** branch or tag. */
  refType: string | null;
  /** Held in memory only: a branch or tag name, which the crawl categorises before storage. */
  refName: string | null;
  /** branches, tags, default, custom, pull-requests. */
  selectorType: string | null;
  pullRequestId: number | null;
  commit: string | null;
  creatorUuid: string | null;
}

/** One step of a pipeline run: timing and outcome only (never its name, image or commands). */
export interface PipelineStep {
  uuid: string;
  pipelineUuid: string;
  state: string;
  result: string | null;
  startedOn: string | null;
  completedOn: string | null;
  durationSeconds: number | null;
  buildSecondsUsed: number | null;
}

/** A deployment environment: its type and rank, never its name. */
export interface Environment {
  uuid: string;
  /** Test, Staging or Production. */
  type: string;
  rank: number | null;
}

/** A deployment to an environment, reduced to the kept fields (never the release name or URL). */
export interface Deployment {
  uuid: string;
  environmentUuid: string | null;
  /** UNDEPLOYED, IN_PROGRESS, COMPLETED… */
  state: string;
  /** SUCCESSFUL, FAILED, STOPPED… once completed. */
  status: string | null;
  startedOn: string | null;
  completedOn: string | null;
  pipelineUuid: string | null;
  commit: string | null;
  lastUpdateTime: string | null;
}

/** The branch types of a branching model. */
export type BranchKind = "feature" | "bugfix" | "release" | "hotfix";

/** The branching model in effect for a repository (project settings included). */
export interface EffectiveBranchingModel {
  /** Held in memory only, like every branch name. */
  developmentBranch: string | null;
  developmentUsesMain: boolean;
  /** Held in memory only. */
  productionBranch: string | null;
  productionUsesMain: boolean;
  /** Bitbucket leaves `production` out when it is disabled. */
  productionEnabled: boolean;
  /** Held in memory only: the crawl categorises branch names by these prefixes. */
  prefixes: { kind: BranchKind; prefix: string }[];
}

/** A branch of a repository: its name (memory only) and the date of its last commit. */
export interface Branch {
  name: string;
  lastCommitDate: string | null;
}

/** A commit: hash, date, whether it merges (parent count) and its author's account, never message or author text. */
export interface Commit {
  hash: string;
  date: string;
  parentCount: number;
  /** null when the author string is not linked to a Bitbucket account. */
  authorUuid: string | null;
}
