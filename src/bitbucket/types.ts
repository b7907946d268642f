/**
 * Domain types the Bitbucket client hands to the rest of the tool. They hold only allowlisted
 * metadata (DESIGN.md §2): no titles, descriptions, names, e-mails or links.
 */

/** One page of a paginated collection, with the `next` link it came with (absent on the last page). */
export interface Page<T> {
  values: T[];
  next: string | undefined;
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
