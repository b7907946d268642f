/**
 * Derives the activity of one generated pull request from the pull request itself and its own
 * random stream, consistent with it: an `update` OPEN by the author at created_on; pushes as OPEN
 * updates with a new source commit (the last one the pull request's); an `approval` or
 * `changes_requested` per participant in that state at participated_on; comment_count comments by
 * the author and participants; and an update MERGED or DECLINED by closed_by at the close time
 * (updated_on). Entries of one pull request never share a millisecond, except approvals and change
 * requests at their participants' times, so a client keying them on (kind, time, actor) loses none.
 */
import type { SandboxModel, SandboxPullRequest, SandboxRepository } from "./model.ts";
import type { SandboxActivity } from "./model-resources.ts";
import { createRandom, mixSeed } from "./random.ts";
import { MICROS, parseIsoMicros } from "./timestamps.ts";

const PUSHES = [0, 0, 0, 1, 1, 2, 3] as const;

/** A new entry of pull request `id` with the kind-specific fields empty. */
export function activityEntry(
  pullRequestId: number,
  entry: Pick<SandboxActivity, "kind" | "micros" | "person"> & Partial<SandboxActivity>,
): SandboxActivity {
  return { pullRequestId, state: null, sourceCommit: null, commentId: null, inline: false, ...entry };
}

/** The update a pull request opens with; all an added pull request has until a mutator records more. */
export function openingUpdate(pr: SandboxPullRequest, sourceCommit = pr.sourceCommit): SandboxActivity {
  const micros = parseIsoMicros(pr.createdOn) ?? 0;
  return activityEntry(pr.id, { kind: "update", micros, person: pr.author, state: "OPEN", sourceCommit });
}

/** The comment id of comment `n` (1-based) of pull request `id`, unique within a repository. */
export function commentId(pullRequestId: number, n: number): number {
  return pullRequestId * 1000 + n;
}

/** The activity of generated pull request `pr`, as generated (oldest first). */
export function drawActivity(model: SandboxModel, repo: SandboxRepository, pr: SandboxPullRequest): SandboxActivity[] {
  const random = createRandom(mixSeed(model.seed, 30, repo.index, pr.id));
  const created = parseIsoMicros(pr.createdOn) ?? 0;
  const updated = Math.max(created, parseIsoMicros(pr.updatedOn) ?? created);
  const used = new Set<number>();
  const claim = (micros: number) => claimMillisecond(used, micros, created, updated);
  const pushes = updated - created > MICROS.hour ? random.pick(PUSHES) : 0;
  const entries = [openingUpdate(pr, pushes > 0 ? random.hex(40) : pr.sourceCommit)];
  claim(created);
  const closed = pr.state === "MERGED" || pr.state === "DECLINED";
  if (closed) claim(updated);
  for (const p of pr.participants) {
    if (p.state === null || p.participatedOn === null) continue;
    const micros = parseIsoMicros(p.participatedOn) ?? updated;
    used.add(Math.floor(micros / 1000));
    entries.push(
      activityEntry(pr.id, { kind: p.state === "approved" ? "approval" : p.state, micros, person: p.person }),
    );
  }
  const pushTimes = Array.from({ length: pushes }, () => random.int(created + 1, updated - 1)).sort((a, b) => a - b);
  for (const [i, time] of pushTimes.entries()) {
    const sourceCommit = i === pushes - 1 ? pr.sourceCommit : random.hex(40);
    entries.push(
      activityEntry(pr.id, { kind: "update", micros: claim(time), person: pr.author, state: "OPEN", sourceCommit }),
    );
  }
  const commenters = [pr.author, ...pr.participants.map((p) => p.person)];
  for (let n = 1; n <= pr.commentCount; n++) {
    const micros = claim(random.int(created, updated));
    const person = random.pick(commenters);
    const inline = random.chance(0.3);
    entries.push(activityEntry(pr.id, { kind: "comment", micros, person, commentId: commentId(pr.id, n), inline }));
  }
  if (closed) {
    const state = pr.state === "MERGED" ? "MERGED" : "DECLINED";
    const person = pr.closedBy ?? pr.author;
    entries.push(
      activityEntry(pr.id, { kind: "update", micros: updated, person, state, sourceCommit: pr.sourceCommit }),
    );
  }
  return entries;
}

/**
 * The free microsecond time nearest `micros` within [lo, hi] whose millisecond no other entry of the
 * pull request uses, marked as used. Clients normalise to milliseconds, so equal milliseconds would
 * make two comments of one person look like one.
 */
export function claimMillisecond(used: Set<number>, micros: number, lo: number, hi: number): number {
  for (let step = 0; step <= 1_000_000; step++) {
    for (const candidate of [micros + step * 1000, micros - step * 1000]) {
      const ms = Math.floor(candidate / 1000);
      if (candidate >= lo && candidate <= hi && !used.has(ms)) {
        used.add(ms);
        return candidate;
      }
    }
  }
  return micros;
}
