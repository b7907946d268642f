/**
 * The stored shapes of the resources beyond repositories and pull requests: events, pipelines, steps,
 * environments, deployments, branch strategy, commits and repository flags. Like rows.ts, they hold only
 * pseudonymised structural metadata; the crawl builds them, nothing else writes them.
 */

/** What happened on a pull request. */
export type PullRequestEventKind = "approval" | "changes_requested" | "state_change" | "push" | "comment";

/** One pull request event; the same entry read twice is the same row. */
export interface PullRequestEventRow {
  repoUuid: string;
  prId: number;
  kind: PullRequestEventKind;
  occurredOn: string;
  /** Person key; null when the account was deleted. */
  actorKey: string | null;
  /** state_change only: the state the pull request entered. */
  state: "OPEN" | "MERGED" | "DECLINED" | null;
}

/** A pipeline run as stored: the target branch only as a category and a keyed hash. */
export interface PipelineRow {
  uuid: string;
  repoUuid: string;
  buildNumber: number;
  state: string;
  stage: string | null;
  result: string | null;
  createdOn: string;
  completedOn: string | null;
  durationSeconds: number | null;
  buildSecondsUsed: number | null;
  trigger: string | null;
  targetType: string | null;
  refType: string | null;
  targetBranchCategory: string | null;
  targetBranchKey: string | null;
  selectorType: string | null;
  prId: number | null;
  commit: string | null;
  creatorKey: string | null;
}

/** A pipeline step as stored: timing and outcome only. */
export interface PipelineStepRow {
  uuid: string;
  repoUuid: string;
  pipelineUuid: string;
  state: string;
  result: string | null;
  startedOn: string | null;
  completedOn: string | null;
  durationSeconds: number | null;
  buildSecondsUsed: number | null;
}

/** A deployment environment: its type and rank, never its name. */
export interface EnvironmentRow {
  uuid: string;
  repoUuid: string;
  type: string;
  rank: number | null;
}

/** A deployment as stored, with its environment's type copied in. */
export interface DeploymentRow {
  uuid: string;
  repoUuid: string;
  environmentUuid: string | null;
  environmentType: string | null;
  state: string;
  status: string | null;
  startedOn: string | null;
  completedOn: string | null;
  pipelineUuid: string | null;
  commit: string | null;
  lastUpdateTime: string | null;
}

/** The branching model of a repository as categories and enabled prefix kinds. */
export interface BranchingModelRow {
  repoUuid: string;
  developmentCategory: string | null;
  productionEnabled: boolean;
  productionCategory: string | null;
  prefixKinds: { feature: boolean; bugfix: boolean; release: boolean; hotfix: boolean };
}

/** Branch counts of one category of one repository. */
export interface BranchStatsRow {
  repoUuid: string;
  category: string;
  branches: number;
  /** Branches whose last commit is older than `staleAfterDays`. */
  stale: number;
  staleAfterDays: number;
}

/** A commit on the main branch. */
export interface CommitRow {
  repoUuid: string;
  hash: string;
  committedOn: string;
  authorKey: string | null;
  isMerge: boolean;
}

/** Whether a repository has Pipelines: yes, no (403/404) or not checked yet. */
export type PipelinesFlag = "yes" | "no" | "unknown";
