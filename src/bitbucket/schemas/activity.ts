/**
 * The kept fields of one pull request activity entry (repo-wide `pullrequests/activity` and per-PR
 * `pullrequests/{id}/activity`). Each entry carries exactly one of `update`, `approval`,
 * `changes_requested` or `comment` (api-notes.md §5 › PR activity); titles, descriptions, reasons,
 * branch names and comment content are dropped here even when a server ignores `fields=`.
 */
import { z } from "zod";
import type { ActivityKind, PullRequestActivity } from "../types.ts";
import { accountUuid, commitHash, pullRequestId, timestamp } from "./common.ts";

const update = z.object({
  date: timestamp,
  // "Updates include a state property of OPEN, MERGED, or DECLINED" (SPEC); SUPERSEDED is legacy.
  state: z.enum(["OPEN", "MERGED", "DECLINED", "SUPERSEDED"]),
  author: accountUuid,
  source: z.object({ commit: z.object({ hash: commitHash.nullish() }).nullish() }).nullish(),
});

// `changes_requested` has no official example (api-notes.md §5): it is read like an approval.
const review = z.object({ date: timestamp, user: accountUuid });

const comment = z.object({ created_on: timestamp, user: accountUuid });

type Entry = Omit<PullRequestActivity, "pullRequestId">;

/**
 * One activity entry, or null for a kind the crawl does not keep (tasks, attachments and whatever
 * the internal API adds): those are skipped, not a validation error.
 */
export const activitySchema = z
  .object({
    pull_request: z.object({ id: pullRequestId }).nullish(),
    update: update.nullish(),
    approval: review.nullish(),
    changes_requested: review.nullish(),
    comment: comment.nullish(),
  })
  .transform((value, ctx): PullRequestActivity | null => {
    const found: Entry[] = [];
    if (value.update) {
      const { date, state, author, source } = value.update;
      found.push({
        kind: "update",
        date,
        actorUuid: author,
        state: state === "SUPERSEDED" ? null : state,
        sourceCommit: source?.commit?.hash ?? null,
      });
    }
    if (value.approval) found.push(reviewEntry("approval", value.approval));
    if (value.changes_requested) found.push(reviewEntry("changes_requested", value.changes_requested));
    if (value.comment) {
      const { created_on, user } = value.comment;
      found.push({ kind: "comment", date: created_on, actorUuid: user, state: null, sourceCommit: null });
    }
    const [entry] = found;
    if (entry === undefined) return null;
    if (found.length > 1) {
      ctx.addIssue({
        code: "custom",
        message: `expected one activity kind, got ${found.map((f) => f.kind).join(" and ")}`,
      });
      return z.NEVER;
    }
    const pullRequest = value.pull_request?.id;
    if (pullRequest === undefined) {
      ctx.addIssue({ code: "custom", message: "expected a pull request id", path: ["pull_request", "id"] });
      return z.NEVER;
    }
    return { pullRequestId: pullRequest, ...entry };
  });

function reviewEntry(kind: ActivityKind, value: z.output<typeof review>): Entry {
  return { kind, date: value.date, actorUuid: value.user, state: null, sourceCommit: null };
}
