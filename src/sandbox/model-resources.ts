/**
 * Domain types of the repository resources besides pull requests: activity, pipelines and their
 * steps, deployment environments, commits, branches and the branching model. Like pull requests,
 * they are derived on demand from (seed, repository, index); only the ones a mutator changed or
 * added are stored in the model. Times are integer microseconds since the epoch (UTC).
 */

/** The kinds of pull request activity entry the v2.0 API documents. */
export type SandboxActivityKind = "update" | "approval" | "changes_requested" | "comment";

/** One pull request activity entry. */
export interface SandboxActivity {
  pullRequestId: number;
  kind: SandboxActivityKind;
  micros: number;
  /** Index into `model.people`: the update's author, the approver, the commenter. */
  person: number;
  /** Update entries only. */
  state: "OPEN" | "MERGED" | "DECLINED" | null;
  /** Update entries only: the full 40-character source commit. */
  sourceCommit: string | null;
  /** Comment entries only. */
  commentId: number | null;
  /** Comment entries only: an inline (file) comment. */
  inline: boolean;
}

/** Pipeline states as the list shows them (PARSING, HALTED and friends are not generated). */
export type PipelineStateName = "PENDING" | "IN_PROGRESS" | "COMPLETED";

/** Results of completed pipelines. */
export type PipelineResult = "SUCCESSFUL" | "FAILED" | "ERROR" | "STOPPED" | "EXPIRED";

/** What a pipeline ran on. Names are free text (canaries) except the main and development branches. */
export interface SandboxPipelineTarget {
  type: "pipeline_ref_target" | "pipeline_pullrequest_target" | "pipeline_commit_target";
  /** `branch` or `tag` for ref targets, null otherwise. */
  refType: "branch" | "tag" | null;
  /** The branch or tag of a ref target; the source branch of a pull request target. */
  refName: string | null;
  /** Pull request targets only. */
  destination: string | null;
  pullRequestId: number | null;
  commit: string;
  selectorType: "branches" | "default" | "custom" | "pull-requests" | "tags";
  /** A branch glob, or a custom pipeline's name (free text); null for `default`. */
  selectorPattern: string | null;
}

/** One step of a pipeline. */
export interface SandboxStep {
  uuid: string;
  state: "PENDING" | "IN_PROGRESS" | "COMPLETED";
  result: "SUCCESSFUL" | "FAILED" | "ERROR" | "STOPPED" | "EXPIRED" | "NOT_RUN" | null;
  startedMicros: number | null;
  completedMicros: number | null;
  /** Index into the repository's environments when the step deploys, else null. */
  environment: number | null;
  /** The deployment this step creates (set with `environment`). */
  deploymentUuid: string | null;
}

/** One pipeline run. */
export interface SandboxPipeline {
  uuid: string;
  buildNumber: number;
  runNumber: number;
  createdMicros: number;
  completedMicros: number | null;
  /** Extra nanoseconds (0–999) printed after the microseconds of every timestamp of this run. */
  nanos: number;
  state: PipelineStateName;
  stage: "RUNNING" | "PAUSED" | null;
  result: PipelineResult | null;
  trigger: "PUSH" | "MANUAL" | "SCHEDULE";
  target: SandboxPipelineTarget;
  /** Index into `model.people`; null for scheduled runs. */
  creator: number | null;
  /** Pipeline variables (free text: canaries). */
  variables: Array<{ key: string; value: string }>;
  steps: SandboxStep[];
}

/** The environment types Bitbucket Deployments knows, in rank order. */
export const ENVIRONMENT_TYPES = ["Test", "Staging", "Production"] as const;

/** A deployment environment; `name` is free text. */
export interface SandboxEnvironment {
  uuid: string;
  name: string;
  slug: string;
  type: (typeof ENVIRONMENT_TYPES)[number];
  rank: number;
}

/** A deployment: one deploying step of one pipeline. */
export interface SandboxDeployment {
  pipeline: SandboxPipeline;
  step: SandboxStep;
  environment: SandboxEnvironment;
}

/** A commit. `message` and the author string are free text; `author` null means no linked account. */
export interface SandboxCommit {
  hash: string;
  micros: number;
  parents: string[];
  author: number | null;
  /** Printed as `…+00:00Z`, the broken form some real commits carry. */
  brokenDate: boolean;
  message: string;
}

/** A branch and the commit it points at. */
export interface SandboxBranch {
  name: string;
  target: SandboxCommit;
}

/** The branch prefix kinds of a branching model. */
export type BranchTypeKind = "feature" | "bugfix" | "release" | "hotfix";

/** The effective branching model of a repository. */
export interface SandboxBranchingModel {
  development: { name: string; useMainbranch: boolean };
  /** Null when the production branch is disabled. */
  production: { name: string; useMainbranch: boolean } | null;
  branchTypes: Array<{ kind: BranchTypeKind; prefix: string }>;
}
