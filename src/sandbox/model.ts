/**
 * The in-memory model behind the sandbox: plain, JSON-serialisable data. Pull requests (and the
 * resources of model-resources.ts) are not stored one by one (500 repositories × 4,000 would not
 * fit a benchmark's memory): each is derived on demand from the seed, its repository and its id,
 * and only changed or added ones are kept.
 */

import type { SandboxActivity, SandboxCommit, SandboxPipeline } from "./model-resources.ts";

/** The four pull request states Bitbucket Cloud documents. */
export const PULL_REQUEST_STATES = ["OPEN", "MERGED", "DECLINED", "SUPERSEDED"] as const;

/** One pull request state. */
export type PullRequestState = (typeof PULL_REQUEST_STATES)[number];

/** The workspace the sandbox serves. `name` is free text and carries a canary. */
export interface SandboxWorkspace {
  slug: string;
  uuid: string;
  name: string;
  createdOn: string;
}

/** A person; every field except `uuid` and `accountId` carries a canary. */
export interface SandboxPerson {
  uuid: string;
  accountId: string;
  displayName: string;
  nickname: string;
  email: string;
}

/** A repository of the workspace. */
export interface SandboxRepository {
  /** Position in `model.repositories`; part of every derived pull request's seed. */
  index: number;
  uuid: string;
  slug: string;
  name: string;
  description: string;
  projectKey: string;
  projectUuid: string;
  projectName: string;
  isPrivate: boolean;
  createdOn: string;
  updatedOn: string;
  size: number;
  language: string;
  mainBranch: string;
  /** The integration branch feature work targets, or null when work goes straight to main. */
  developmentBranch: string | null;
  /** Pull requests 1..N are derived from the seed; higher ids exist only in `changedPullRequests`. */
  generatedPullRequests: number;
  /** Pull requests changed or added after generation, by id; these win over derived ones. */
  changedPullRequests: Record<number, SandboxPullRequest>;
  /** Activity entries recorded by mutators after generation, by pull request id (oldest first). */
  addedActivity: Record<number, SandboxActivity[]>;
  /**
   * Null when Pipelines is enabled; otherwise the status (403 or 404) that pipelines, steps,
   * environments and deployments answer with.
   */
  pipelinesUnavailable: 403 | 404 | null;
  /** Pipelines with build numbers 1..N are derived from the seed. */
  generatedPipelines: number;
  /** Pipelines changed or added after generation, by build number; these win over derived ones. */
  changedPipelines: Record<number, SandboxPipeline>;
  /** Main-branch commits 1..N (oldest first) are derived from the seed. */
  generatedCommits: number;
  /** Main-branch commits added after generation, oldest first, on top of the derived ones. */
  addedCommits: SandboxCommit[];
}

/** A reviewer or commenter on a pull request. */
export interface SandboxParticipant {
  /** Index into `model.people`. */
  person: number;
  role: "REVIEWER" | "PARTICIPANT";
  approved: boolean;
  state: "approved" | "changes_requested" | null;
  participatedOn: string | null;
}

/** A pull request, in domain form (the server renders the Bitbucket wire format from it). */
export interface SandboxPullRequest {
  id: number;
  state: PullRequestState;
  draft: boolean;
  createdOn: string;
  updatedOn: string;
  title: string;
  description: string;
  reason: string;
  /** Index into `model.people`. */
  author: number;
  /** Index into `model.people`; set for MERGED and DECLINED. */
  closedBy: number | null;
  sourceBranch: string;
  destinationBranch: string;
  /** Full 40-character hashes; Bitbucket shows the first 12 on pull requests. */
  sourceCommit: string;
  destinationCommit: string;
  mergeCommit: string | null;
  closeSourceBranch: boolean;
  commentCount: number;
  taskCount: number;
  /** Indexes into `model.people`. */
  reviewers: number[];
  participants: SandboxParticipant[];
}

/** The whole generated workspace. */
export interface SandboxModel {
  seed: number;
  /** When the workspace was generated (ISO); derived pull requests are anchored to it. */
  generatedAt: string;
  /** The model's clock (ISO); mutators default to it. See `setClock`. */
  now: string;
  /** Bumped by every mutation, so caches of derived data know when to rebuild. */
  revision: number;
  workspace: SandboxWorkspace;
  people: SandboxPerson[];
  repositories: SandboxRepository[];
}
