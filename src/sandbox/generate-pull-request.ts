/**
 * Derives one pull request from (seed, repository, id) alone, so any pull request of a huge
 * workspace can be produced on demand and in any order. The timeline (state and timestamps) is
 * drawn first so that listing, filtering and sorting need only that cheap part.
 */
import { canary } from "./canary.ts";
import {
  PULL_REQUEST_STATES,
  type PullRequestState,
  type SandboxModel,
  type SandboxParticipant,
  type SandboxPullRequest,
  type SandboxRepository,
} from "./model.ts";
import { createRandom, mixSeed, type Random } from "./random.ts";
import { formatMicros, MICROS, parseIsoMicros } from "./timestamps.ts";

/** The part of a pull request that listing, `q` and `sort` work on. */
export interface PullRequestTimeline {
  id: number;
  state: PullRequestState;
  draft: boolean;
  createdMicros: number;
  updatedMicros: number;
}

const HISTORY = 730 * MICROS.day;
const TOPICS = ["fix-login", "add-cache", "update-deps", "refactor-api", "speed-up-build", "new-report"];
const TITLES = ["Fix", "Add", "Update", "Refactor", "Improve", "Remove"];

/** The timeline of generated pull request `id` (1..repo.generatedPullRequests). */
export function deriveTimeline(model: SandboxModel, repo: SandboxRepository, id: number): PullRequestTimeline {
  return drawTimeline(streamFor(model, repo, id), model, repo, id);
}

/** The full generated pull request `id` (1..repo.generatedPullRequests). */
export function derivePullRequest(model: SandboxModel, repo: SandboxRepository, id: number): SandboxPullRequest {
  const random = streamFor(model, repo, id);
  return drawDetails(random, model, repo, drawTimeline(random, model, repo, id));
}

/** Draws everything but the timeline; used for pull requests added after generation too. */
export function drawDetails(
  random: Random,
  model: SandboxModel,
  repo: SandboxRepository,
  timeline: PullRequestTimeline,
): SandboxPullRequest {
  const { id, state } = timeline;
  const r = `r${repo.index + 1}`;
  const p = `p${id}`;
  const people = model.people.length;
  const author = random.int(0, people - 1);
  const others = shuffledExcept(random, people, author);
  const reviewers = others.slice(0, random.pick([0, 1, 1, 2, 2, 3]));
  const commentCount = Math.floor(random.next() ** 2 * 15);
  const participants = drawParticipants(random, timeline, reviewers, others, commentCount);
  const branch = drawBranch(random, repo, canary("branch", r, p));
  const closed = state === "MERGED" || state === "DECLINED";
  return {
    id,
    state,
    draft: timeline.draft,
    createdOn: formatMicros(timeline.createdMicros),
    updatedOn: formatMicros(timeline.updatedMicros),
    title: `${random.pick(TITLES)} ${random.pick(TOPICS)} ${canary("title", r, p)}`,
    description: `Details in ${canary("description", r, p)}`,
    reason: state === "DECLINED" ? `Not needed ${canary("reason", r, p)}` : "",
    author,
    closedBy: closed ? (random.chance(0.6) ? author : random.pick(others)) : null,
    sourceBranch: branch.source,
    destinationBranch: branch.destination,
    sourceCommit: random.hex(40),
    destinationCommit: random.hex(40),
    mergeCommit: state === "MERGED" ? random.hex(40) : null,
    closeSourceBranch: random.chance(0.6),
    commentCount,
    taskCount: state === "MERGED" ? (random.chance(0.1) ? 1 : 0) : random.int(0, 3),
    reviewers,
    participants,
  };
}

/** The independent random stream of one pull request. */
export function streamFor(model: SandboxModel, repo: SandboxRepository, id: number, salt = 0): Random {
  return createRandom(mixSeed(model.seed, 2, repo.index, id, salt));
}

function drawTimeline(random: Random, model: SandboxModel, repo: SandboxRepository, id: number): PullRequestTimeline {
  const anchor = parseIsoMicros(model.generatedAt) ?? 0;
  const start = anchor - HISTORY;
  const slot = (HISTORY - MICROS.hour) / Math.max(1, repo.generatedPullRequests);
  // Ids are handed out in creation order, so created_on grows with the id.
  const created = distinct(start + (id - 1 + random.next()) * slot, id, 7919);
  const state = forcedState(model, repo, id) ?? drawState(random, anchor - created < 21 * MICROS.day);
  const lifetime =
    state === "OPEN" ? random.next() * (anchor - created) : 10 * MICROS.minute + random.next() ** 3 * 30 * MICROS.day;
  const updated = distinct(Math.min(created + Math.max(lifetime, MICROS.minute), anchor - MICROS.second), id, 104729);
  return { id, state, draft: state === "OPEN" && random.chance(0.12), createdMicros: created, updatedMicros: updated };
}

/**
 * Whole seconds plus a sub-second part that is a bijection of the id (the multiplier is prime to
 * 10^6), so no two pull requests of a repository share a created_on or an updated_on.
 */
function distinct(micros: number, id: number, multiplier: number): number {
  return Math.floor(micros / MICROS.second) * MICROS.second + ((id * multiplier) % MICROS.second);
}

/** Ids 1–4 take the four states in a per-repository order, so every state appears in every repository. */
function forcedState(model: SandboxModel, repo: SandboxRepository, id: number): PullRequestState | undefined {
  if (id > 4 || repo.generatedPullRequests < 4) return undefined;
  const order = [...PULL_REQUEST_STATES];
  const random = createRandom(mixSeed(model.seed, 3, repo.index));
  for (let i = order.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] as PullRequestState, order[i] as PullRequestState];
  }
  return order[id - 1];
}

function drawState(random: Random, recent: boolean): PullRequestState {
  const roll = random.next();
  const [open, merged, declined] = recent ? [0.55, 0.85, 0.95] : [0.06, 0.78, 0.92];
  if (roll < open) return "OPEN";
  if (roll < merged) return "MERGED";
  return roll < declined ? "DECLINED" : "SUPERSEDED";
}

function shuffledExcept(random: Random, count: number, excluded: number): number[] {
  const list = Array.from({ length: count }, (_, i) => i).filter((i) => i !== excluded);
  for (let i = list.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [list[i], list[j]] = [list[j] as number, list[i] as number];
  }
  return list;
}

const APPROVAL_ODDS: Record<PullRequestState, number> = { OPEN: 0.45, MERGED: 0.85, DECLINED: 0.2, SUPERSEDED: 0.3 };

function drawParticipants(
  random: Random,
  timeline: PullRequestTimeline,
  reviewers: number[],
  others: number[],
  commentCount: number,
): SandboxParticipant[] {
  const at = () => formatMicros(random.int(timeline.createdMicros, timeline.updatedMicros));
  const list: SandboxParticipant[] = reviewers.map((person) => {
    const approved = random.chance(APPROVAL_ODDS[timeline.state]);
    const state = approved ? "approved" : random.chance(0.2) ? "changes_requested" : null;
    const commented = commentCount > 0 && random.chance(0.5);
    return { person, role: "REVIEWER", approved, state, participatedOn: state || commented ? at() : null };
  });
  const commenters = commentCount > 0 ? others.slice(reviewers.length, reviewers.length + random.int(0, 2)) : [];
  for (const person of commenters) {
    const approved = random.chance(0.15);
    list.push({ person, role: "PARTICIPANT", approved, state: approved ? "approved" : null, participatedOn: at() });
  }
  return list;
}

function drawBranch(random: Random, repo: SandboxRepository, name: string): { source: string; destination: string } {
  const integration = repo.developmentBranch ?? repo.mainBranch;
  const topic = random.pick(TOPICS);
  const roll = random.next();
  if (roll < 0.5) return { source: `feature/${name}-${topic}`, destination: integration };
  if (roll < 0.7) return { source: `bugfix/${name}-${topic}`, destination: integration };
  if (roll < 0.78) return { source: `hotfix/${name}-${topic}`, destination: repo.mainBranch };
  if (roll < 0.85) return { source: `release/${name}-1.${random.int(0, 20)}`, destination: repo.mainBranch };
  return { source: `${name}-${topic}`, destination: integration };
}
