/**
 * The privacy boundary of the crawl: API values (already reduced to allowlisted fields by the client's zod
 * schemas) become stored rows here. Account uuids become pseudonyms and branch names become categories plus
 * keyed hashes; nothing else about a person or a branch survives this function.
 */
import type { PullRequest, Repository } from "../bitbucket/types.ts";
import { type BranchingModel, categoriseBranch } from "../privacy/branch-category.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { ParticipantRow, PullRequestRow, RepositoryRow } from "../store/rows.ts";

/** A repository as stored. */
export function toRepositoryRow(workspace: string, repo: Repository): RepositoryRow {
  return {
    uuid: repo.uuid,
    workspace,
    slug: repo.slug,
    projectKey: repo.projectKey,
    projectUuid: repo.projectUuid,
    isPrivate: repo.isPrivate,
    createdOn: repo.createdOn,
    updatedOn: repo.updatedOn,
    mainBranchCategory: categoriseBranch(repo.mainBranch, { mainBranch: repo.mainBranch }),
    language: repo.language,
    size: repo.size,
  };
}

/** A pull request as stored, with its reviewers and participants merged into one pseudonymised set. */
export function toPullRequestRow(
  repoUuid: string,
  pr: PullRequest,
  keys: Pseudonymizer,
  model: BranchingModel = {},
): PullRequestRow {
  const branch = (name: string | null) => ({
    category: categoriseBranch(name, model),
    key: name === null ? null : keys.branch(repoUuid, name),
  });
  const source = branch(pr.sourceBranch);
  const destination = branch(pr.destinationBranch);
  return {
    repoUuid,
    id: pr.id,
    state: pr.state,
    draft: pr.draft,
    createdOn: pr.createdOn,
    updatedOn: pr.updatedOn,
    authorKey: pr.authorUuid === null ? null : keys.person(pr.authorUuid),
    closedByKey: pr.closedByUuid === null ? null : keys.person(pr.closedByUuid),
    sourceBranchCategory: source.category,
    sourceBranchKey: source.key,
    destinationBranchCategory: destination.category,
    destinationBranchKey: destination.key,
    mergeCommit: pr.mergeCommit,
    commentCount: pr.commentCount,
    taskCount: pr.taskCount,
    participants: toParticipants(pr, keys),
  };
}

/**
 * Bitbucket lists reviewers separately from participants; a reviewer who has not acted yet may appear only
 * in `reviewers`. Both become one row per person, the participant entry winning when both exist.
 */
function toParticipants(pr: PullRequest, keys: Pseudonymizer): ParticipantRow[] {
  const rows = new Map<string, ParticipantRow>();
  for (const uuid of pr.reviewers) {
    const personKey = keys.person(uuid);
    rows.set(personKey, { personKey, role: "REVIEWER", approved: false, state: null, participatedOn: null });
  }
  for (const p of pr.participants ?? []) {
    const personKey = keys.person(p.uuid);
    const reviewer = rows.has(personKey);
    rows.set(personKey, {
      personKey,
      role: reviewer ? "REVIEWER" : p.role,
      approved: p.approved,
      state: p.state,
      participatedOn: p.participatedOn,
    });
  }
  return [...rows.values()].sort((a, b) => a.personKey.localeCompare(b.personKey));
}
