/**
 * The kept fields of one pull request value (list and single GET). Title, description, summary,
 * rendered and reason are free text and are never kept (DESIGN.md §2).
 */
import { z } from "zod";
import type { Participant, PullRequest } from "../types.ts";
import { accountUuid, optionalText, pullRequestId, timestamp } from "./common.ts";

const commit = z.object({ hash: optionalText }).nullish();

// A source whose branch was deleted can lack its branch or commit.
const endpoint = z.object({ branch: z.object({ name: optionalText }).nullish(), commit }).nullish();

const participantSchema = z.object({
  user: accountUuid,
  role: z.enum(["PARTICIPANT", "REVIEWER"]),
  approved: z.boolean(),
  // Older payloads have no `state` key; it was added with "request changes".
  state: z.enum(["approved", "changes_requested"]).nullish(),
  participated_on: timestamp.nullish(),
});

/** One pull request value; unknown keys are dropped. */
export const pullRequestSchema = z
  .object({
    id: pullRequestId,
    state: z.enum(["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]),
    // Absent before drafts existed.
    draft: z.boolean().nullish(),
    created_on: timestamp,
    updated_on: timestamp,
    author: accountUuid,
    closed_by: accountUuid,
    source: endpoint,
    destination: endpoint,
    merge_commit: commit,
    comment_count: z.number().int().nonnegative(),
    task_count: z.number().int().nonnegative(),
    reviewers: z.array(accountUuid).nullish(),
    participants: z.array(participantSchema).nullish(),
  })
  .transform(
    (value): PullRequest => ({
      id: value.id,
      state: value.state,
      draft: value.draft ?? false,
      createdOn: value.created_on,
      updatedOn: value.updated_on,
      authorUuid: value.author,
      closedByUuid: value.closed_by,
      sourceBranch: value.source?.branch?.name ?? null,
      destinationBranch: value.destination?.branch?.name ?? null,
      sourceCommit: value.source?.commit?.hash ?? null,
      destinationCommit: value.destination?.commit?.hash ?? null,
      mergeCommit: value.merge_commit?.hash ?? null,
      commentCount: value.comment_count,
      taskCount: value.task_count,
      // A deleted account has no uuid: there is nobody left to attribute the review to.
      reviewers: (value.reviewers ?? []).filter((id) => id !== null),
      participants:
        value.participants === undefined || value.participants === null
          ? undefined
          : value.participants.flatMap(toParticipant),
    }),
  );

function toParticipant(value: z.output<typeof participantSchema>): Participant[] {
  if (value.user === null) return [];
  return [
    {
      uuid: value.user,
      role: value.role,
      approved: value.approved,
      state: value.state ?? null,
      participatedOn: value.participated_on ?? null,
    },
  ];
}
