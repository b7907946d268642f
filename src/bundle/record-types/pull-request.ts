/**
 * The `pull_request` record: one pull request (from the `pull_requests` table). Every column leaves except
 * `changed_in_run` (bookkeeping): people only as person keys, branches only as a category and a branch key,
 * and the lifecycle times derived from the activity feed — never a title, description or branch name.
 */
import { z } from "zod";
import { bitbucketUuid, branchCategory, commitHash, count, pseudonymKey, utcTimestamp } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Pull requests: state, timing, pseudonymous author, branch categories and counts — never a title or text. */
export const pullRequestRecord = defineRecordType({
  name: "pull_request",
  title: "Pull request",
  description: "One pull request, in any of the four states.",
  table: "pull_requests",
  repositoryColumn: "repo_uuid",
  orderBy: ["repo_uuid", "id"],
  fields: {
    repo_uuid: bitbucketUuid.describe("the repository it belongs to"),
    id: z.number().int().positive().describe("its number within the repository"),
    state: z.enum(["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]).describe("OPEN, MERGED, DECLINED or SUPERSEDED"),
    draft: z.boolean().describe("whether it is a draft"),
    created_on: utcTimestamp.describe("when it was opened (UTC)"),
    updated_on: utcTimestamp.describe("when it last changed (UTC)"),
    merged_on: utcTimestamp.nullable().describe("when it was first merged (UTC), from its activity"),
    declined_on: utcTimestamp.nullable().describe("when it was first declined (UTC), from its activity"),
    first_review_on: utcTimestamp
      .nullable()
      .describe("the first approval, changes request or comment by someone other than the author (UTC)"),
    first_approval_on: utcTimestamp.nullable().describe("the first approval by someone other than the author (UTC)"),
    author_key: pseudonymKey.nullable().describe("the author, as a person key"),
    closed_by_key: pseudonymKey.nullable().describe("who merged or declined it, as a person key"),
    source_branch_category: branchCategory.nullable().describe("the category of the source branch"),
    source_branch_key: pseudonymKey.nullable().describe("the source branch, as a branch key (never the name)"),
    destination_branch_category: branchCategory.nullable().describe("the category of the destination branch"),
    destination_branch_key: pseudonymKey.nullable().describe("the destination branch, as a branch key"),
    merge_commit: commitHash.nullable().describe("the merge commit's hash (joins deployments to changes)"),
    comment_count: count.describe("how many comments it has (a number only, never the comments)"),
    task_count: count.describe("how many tasks it has (a number only)"),
  },
});
