/**
 * The `pr_event` record: one entry of a pull request's activity (from the `pr_events` table). Every column
 * leaves except `changed_in_run` (bookkeeping): what happened, when, and who did it as a person key. A comment
 * event is only "someone commented at this time" — the text was never read; a push is only "the source
 * commit changed".
 */
import { z } from "zod";
import { bitbucketUuid, pseudonymKey, utcTimestamp } from "../field-formats.ts";
import { defineRecordType } from "../record-type.ts";

/** Pull request events: approvals, change requests, state changes, pushes and comments, as kind, time and actor. */
export const pullRequestEventRecord = defineRecordType({
  name: "pr_event",
  title: "Pull request event",
  description:
    "One thing that happened on a pull request: an approval, a changes request, a state change, a push or a comment.",
  table: "pr_events",
  repositoryColumn: "repo_uuid",
  // The unique key of the table (events have no id at Bitbucket), so a re-export yields the same order.
  orderBy: ["repo_uuid", "pr_id", "occurred_on", "kind", "actor_key"],
  fields: {
    repo_uuid: bitbucketUuid.describe("the repository of the pull request"),
    pr_id: z.number().int().positive().describe("the pull request's number"),
    kind: z
      .enum(["approval", "changes_requested", "state_change", "push", "comment"])
      .describe(
        "approval, changes_requested, state_change, push (its source commit changed) or comment (who and when only)",
      ),
    occurred_on: utcTimestamp.describe("when it happened (UTC)"),
    actor_key: pseudonymKey.nullable().describe("who did it, as a person key (empty for a deleted account)"),
    state: z
      .enum(["OPEN", "MERGED", "DECLINED"])
      .nullable()
      .describe("for a state change: the state it entered (OPEN, MERGED or DECLINED)"),
  },
});
