/**
 * Pull request activity entries become events. Approvals, changes requested and comments map one to one
 * (a comment only as "someone commented, then": its content never left the client). Updates carry the
 * pull request's state and source commit at that moment; comparing consecutive updates tells when the
 * state changed and when new commits were pushed (api-notes.md §5 › PR activity, "Derivations").
 */
import type { PullRequestActivity } from "../bitbucket/types.ts";
import type { Pseudonymizer } from "../privacy/pseudonym.ts";
import type { PullRequestEventRow } from "../store/crawl-rows.ts";

/** The event of an approval, changes-requested or comment entry; undefined for an update (see deriveUpdateEvents). */
export function toEventRow(
  repoUuid: string,
  entry: PullRequestActivity,
  keys: Pseudonymizer,
): PullRequestEventRow | undefined {
  if (entry.kind === "update") return undefined;
  return {
    repoUuid,
    prId: entry.pullRequestId,
    kind: entry.kind,
    occurredOn: entry.date,
    actorKey: actorKey(entry, keys),
    state: null,
  };
}

/**
 * The state changes and pushes in a pull request's complete list of updates (any order). The first update
 * is the pull request entering its first state (opened); a later one is a state change when its state
 * differs from the previous update's, and a push when its source commit does.
 */
export function deriveUpdateEvents(
  repoUuid: string,
  updates: readonly PullRequestActivity[],
  keys: Pseudonymizer,
): PullRequestEventRow[] {
  const ordered = updates
    .filter((u) => u.kind === "update")
    .map((u, index) => ({ u, index }))
    .sort((a, b) => a.u.date.localeCompare(b.u.date) || a.index - b.index)
    .map(({ u }) => u);
  const events: PullRequestEventRow[] = [];
  let state: PullRequestActivity["state"] = null;
  let commit: string | null = null;
  for (const update of ordered) {
    const base = { repoUuid, prId: update.pullRequestId, occurredOn: update.date, actorKey: actorKey(update, keys) };
    if (update.state !== null && update.state !== state) {
      events.push({ ...base, kind: "state_change", state: update.state });
      state = update.state;
    }
    if (update.sourceCommit !== null) {
      if (commit !== null && !sameCommit(commit, update.sourceCommit))
        events.push({ ...base, kind: "push", state: null });
      commit = update.sourceCommit;
    }
  }
  return events;
}

function actorKey(entry: PullRequestActivity, keys: Pseudonymizer): string | null {
  return entry.actorUuid === null ? null : keys.person(entry.actorUuid);
}

// Activity carries abbreviated hashes (12 digits) that other places give in full: a prefix is the same commit.
function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.startsWith(y) || y.startsWith(x);
}
