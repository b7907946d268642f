/**
 * The shapes written to and read from the cache. They hold only pseudonymised, structural metadata:
 * the crawl layer converts API values into these before anything reaches SQLite.
 */

/** A repository as stored. */
export interface RepositoryRow {
  uuid: string;
  workspace: string;
  slug: string;
  projectKey: string | null;
  projectUuid: string | null;
  isPrivate: boolean;
  createdOn: string;
  updatedOn: string;
  mainBranchCategory: string | null;
  language: string | null;
  size: number | null;
}

/** Pull request states as Bitbucket names them. */
export type PullRequestState = "OPEN" | "MERGED" | "DECLINED" | "SUPERSEDED";

/** A reviewer or participant of a pull request, keyed by a pseudonym. */
export interface ParticipantRow {
  personKey: string;
  role: "REVIEWER" | "PARTICIPANT";
  approved: boolean;
  state: "approved" | "changes_requested" | null;
  participatedOn: string | null;
}

/** A pull request as stored, with its participants. */
export interface PullRequestRow {
  repoUuid: string;
  id: number;
  state: PullRequestState;
  draft: boolean;
  createdOn: string;
  updatedOn: string;
  authorKey: string | null;
  closedByKey: string | null;
  sourceBranchCategory: string | null;
  sourceBranchKey: string | null;
  destinationBranchCategory: string | null;
  destinationBranchKey: string | null;
  mergeCommit: string | null;
  commentCount: number;
  taskCount: number;
  participants: ParticipantRow[];
}

/** How a sync run ended. */
export type SyncOutcome = "running" | "success" | "partial" | "failed" | "interrupted";

/** One row of `sync_runs`. */
export interface SyncRunRow {
  id: number;
  workspace: string;
  startedAt: string;
  finishedAt: string | null;
  requests: number;
  records: number;
  outcome: SyncOutcome;
  exitCode: number | null;
  message: string | null;
}
