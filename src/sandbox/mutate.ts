/**
 * Changes to a generated workspace, for incremental-sync tests: move the clock, touch a pull
 * request (its updated_on moves forward, and its activity shows what changed), add a new one.
 * Every change bumps `model.revision`.
 */
import { canary } from "./canary.ts";
import { activityEntry, commentId } from "./generate-activity.ts";
import { drawDetails, type PullRequestTimeline, streamFor } from "./generate-pull-request.ts";
import type { PullRequestState, SandboxModel, SandboxPullRequest, SandboxRepository } from "./model.ts";
import type { SandboxActivity } from "./model-resources.ts";
import { getPullRequest, pullRequestCount, pullRequestTimelines, requireRepository } from "./pull-requests.ts";
import { dateToMicros, formatMicros, parseIsoMicros } from "./timestamps.ts";

/** What a touch changes besides updated_on; by default it records one more approval. */
export interface PullRequestChange {
  /** Close the pull request (sets closed_by, merge_commit or reason as Bitbucket does). */
  state?: Exclude<PullRequestState, "OPEN">;
}

/** Sets the model's clock, which mutators use when no time is given. */
export function setClock(model: SandboxModel, at: Date): void {
  model.now = at.toISOString();
}

/** The model's clock. */
export function now(model: SandboxModel): Date {
  return new Date(model.now);
}

/**
 * Moves pull request `id` forward to `at` (default: the model clock) and adds an approval (or, when
 * everyone has approved, a comment), or applies `change`; the activity feeds gain the matching
 * entry at the new updated_on. `at` must be later than the current updated_on, as on Bitbucket.
 */
export function touchPullRequest(
  model: SandboxModel,
  repoSlug: string,
  id: number,
  at: Date = now(model),
  change: PullRequestChange = {},
): SandboxPullRequest {
  const repo = requireRepository(model, repoSlug);
  const current = getPullRequest(model, repo, id);
  if (!current) throw new RangeError(`${repoSlug} has no pull request ${id}`);
  const atMicros = dateToMicros(at);
  if (atMicros <= (parseIsoMicros(current.updatedOn) ?? 0)) {
    throw new RangeError(`touching ${repoSlug}#${id} must move updated_on forward (it is ${current.updatedOn})`);
  }
  const next = structuredClone(current);
  const updated = formatMicros(unusedMicros(pullRequestTimelines(model, repo), "updatedMicros", atMicros, id));
  next.updatedOn = updated;
  const micros = parseIsoMicros(updated) ?? atMicros;
  const entry = change.state ? closeAs(next, change.state, model, repo, micros) : addApproval(next, model, micros);
  repo.changedPullRequests[id] = next;
  if (entry) repo.addedActivity[id] = [...(repo.addedActivity[id] ?? []), entry];
  model.revision++;
  return next;
}

/** Opens a new pull request (the next id) at `at` (default: the model clock), with no activity yet. */
export function addPullRequest(model: SandboxModel, repoSlug: string, at: Date = now(model)): SandboxPullRequest {
  const repo = requireRepository(model, repoSlug);
  const id = pullRequestCount(repo) + 1;
  const timelines = pullRequestTimelines(model, repo);
  const created = unusedMicros(timelines, "createdMicros", dateToMicros(at), id);
  const timeline: PullRequestTimeline = {
    id,
    state: "OPEN",
    draft: false,
    createdMicros: created,
    updatedMicros: unusedMicros(timelines, "updatedMicros", created, id),
  };
  const pr = drawDetails(streamFor(model, repo, id, 1), model, repo, timeline);
  pr.participants = pr.reviewers.map((person) => ({
    person,
    role: "REVIEWER",
    approved: false,
    state: null,
    participatedOn: null,
  }));
  pr.commentCount = 0;
  pr.taskCount = 0;
  repo.changedPullRequests[id] = pr;
  model.revision++;
  return pr;
}

/** The first free microsecond at or after `wanted`, so timestamps stay distinct within a repository. */
function unusedMicros(
  timelines: readonly PullRequestTimeline[],
  key: "createdMicros" | "updatedMicros",
  wanted: number,
  id: number,
): number {
  const taken = new Set(timelines.filter((t) => t.id !== id).map((t) => t[key]));
  let micros = wanted;
  while (taken.has(micros)) micros++;
  return micros;
}

function addApproval(pr: SandboxPullRequest, model: SandboxModel, micros: number): SandboxActivity {
  const at = pr.updatedOn;
  const approval = (person: number) => activityEntry(pr.id, { kind: "approval", micros, person });
  const reviewer = pr.participants.find((p) => p.role === "REVIEWER" && !p.approved);
  if (reviewer) {
    Object.assign(reviewer, { approved: true, state: "approved", participatedOn: at });
    return approval(reviewer.person);
  }
  const present = new Set([pr.author, ...pr.participants.map((p) => p.person)]);
  const person = model.people.map((_, i) => i).find((i) => !present.has(i));
  if (person === undefined) {
    pr.commentCount++;
    return activityEntry(pr.id, {
      kind: "comment",
      micros,
      person: pr.author,
      commentId: commentId(pr.id, pr.commentCount),
    });
  }
  pr.participants.push({ person, role: "PARTICIPANT", approved: true, state: "approved", participatedOn: at });
  return approval(person);
}

/** Closes `pr`; returns the MERGED or DECLINED update (SUPERSEDED records none, as the API documents). */
function closeAs(
  pr: SandboxPullRequest,
  state: Exclude<PullRequestState, "OPEN">,
  model: SandboxModel,
  repo: SandboxRepository,
  micros: number,
): SandboxActivity | null {
  const random = streamFor(model, repo, pr.id, model.revision + 2);
  pr.state = state;
  pr.draft = false;
  pr.closedBy = state === "MERGED" || state === "DECLINED" ? (pr.reviewers[0] ?? pr.author) : null;
  pr.mergeCommit = state === "MERGED" ? random.hex(40) : null;
  pr.reason =
    state === "DECLINED"
      ? `Not needed ${canary("reason", `r${repo.index + 1}`, `p${pr.id}`, `v${model.revision}`)}`
      : "";
  if (state === "SUPERSEDED") return null;
  const person = pr.closedBy ?? pr.author;
  return activityEntry(pr.id, { kind: "update", micros, person, state, sourceCommit: pr.sourceCommit });
}
