/**
 * Derives main-branch commit `k` (1 = oldest) from (seed, repository, k). Dates grow with k over the
 * two years before generation, in whole seconds. About one in five commits is a merge whose parents
 * are commits k−2 (first parent) and k−1 (the merged branch), so the listed history is closed under
 * parents and already in topological order, newest first.
 */
import { canary } from "./canary.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { SandboxCommit } from "./model-resources.ts";
import { createRandom, mixSeed, type Random } from "./random.ts";
import { MICROS, parseIsoMicros } from "./timestamps.ts";

const HISTORY = 730 * MICROS.day;

/** Generated commit `k` (1..repo.generatedCommits). */
export function deriveCommit(model: SandboxModel, repo: SandboxRepository, k: number): SandboxCommit {
  const random = commitStream(model, repo, k);
  const hash = random.hex(40);
  const anchor = parseIsoMicros(model.generatedAt) ?? 0;
  const slot = (HISTORY - MICROS.hour) / Math.max(1, repo.generatedCommits);
  const micros = Math.floor((anchor - HISTORY + (k - 1 + random.next()) * slot) / MICROS.second) * MICROS.second;
  const merge = k >= 3 && random.chance(0.2);
  const parents = k === 1 ? [] : merge ? [commitHash(model, repo, k - 2), commitHash(model, repo, k - 1)] : [];
  if (k > 1 && !merge) parents.push(commitHash(model, repo, k - 1));
  return drawCommitDetails(random, model, repo, { hash, micros, parents, label: `c${k}` });
}

/** The hash of generated commit `k`: the first draw of its stream. */
export function commitHash(model: SandboxModel, repo: SandboxRepository, k: number): string {
  return commitStream(model, repo, k).hex(40);
}

/** The independent random stream of commit `k` (`salt` 1 for commits added after generation). */
export function commitStream(model: SandboxModel, repo: SandboxRepository, k: number, salt = 0): Random {
  return createRandom(mixSeed(model.seed, 40, repo.index, k, salt));
}

/** What is fixed before a commit's author and message are drawn. */
export interface CommitFrame {
  hash: string;
  micros: number;
  parents: string[];
  /** Makes the canaries of this commit unique, e.g. `c17`. */
  label: string;
}

/** Draws the author (a person, or ~15% an author string with no account) and the message. */
export function drawCommitDetails(
  random: Random,
  model: SandboxModel,
  repo: SandboxRepository,
  frame: CommitFrame,
): SandboxCommit {
  const author = random.chance(0.15) ? null : random.int(0, model.people.length - 1);
  const brokenDate = random.chance(0.05);
  const r = `r${repo.index + 1}`;
  const message =
    frame.parents.length > 1
      ? `Merged in ${canary("merged-branch", r, frame.label)} (pull request #${random.int(1, 999)})`
      : `Change ${canary("commit-message", r, frame.label)}`;
  return { hash: frame.hash, micros: frame.micros, parents: frame.parents, author, brokenDate, message };
}

/** The author string (`Name <email>`) of a commit; free text either way. */
export function authorRaw(model: SandboxModel, repo: SandboxRepository, commit: SandboxCommit): string {
  const person = commit.author === null ? undefined : model.people[commit.author];
  if (person) return `${person.displayName} <${person.email}>`;
  const label = [`r${repo.index + 1}`, commit.hash.slice(0, 8)] as const;
  return `Build agent ${canary("author", ...label)} <${canary("author-mail", ...label)}@example.invalid>`;
}
