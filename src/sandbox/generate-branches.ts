/**
 * Derives a repository's effective branching model and its branches from the seed. The model uses
 * the development branch (`develop`) when the repository has one and the main branch otherwise,
 * with the standard prefixes; branches are the main branch (pointing at the newest main commit),
 * `develop`, and 5–40 in all with canary names under those prefixes or none. About a third of the
 * others are stale: their last commit is 150–700 days old, the rest at most 60 days.
 */
import { canary } from "./canary.ts";
import { mainBranchHead } from "./commits.ts";
import { drawCommitDetails } from "./generate-commit.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { BranchTypeKind, SandboxBranch, SandboxBranchingModel, SandboxCommit } from "./model-resources.ts";
import { createRandom, mixSeed, type Random } from "./random.ts";
import { MICROS, parseIsoMicros } from "./timestamps.ts";

// Listed in the order of the SPEC's example, each enabled with this probability.
const BRANCH_TYPES: ReadonlyArray<{ kind: BranchTypeKind; odds: number }> = [
  { kind: "release", odds: 0.7 },
  { kind: "hotfix", odds: 0.7 },
  { kind: "feature", odds: 1 },
  { kind: "bugfix", odds: 0.8 },
];
const PREFIXES = ["feature/", "feature/", "feature/", "bugfix/", "bugfix/", "hotfix/", "release/", ""] as const;

/** How old a stale branch's last commit is at least, in days, as the crawl counts it. */
export const STALE_AFTER_DAYS = 90;

/** The repository's effective branching model. */
export function deriveBranchingModel(model: SandboxModel, repo: SandboxRepository): SandboxBranchingModel {
  const random = createRandom(mixSeed(model.seed, 70, repo.index));
  const develop = repo.developmentBranch;
  const production = random.chance(develop === null ? 0.2 : 0.7);
  return {
    development:
      develop === null ? { name: repo.mainBranch, useMainbranch: true } : { name: develop, useMainbranch: false },
    production: production ? { name: repo.mainBranch, useMainbranch: true } : null,
    branchTypes: BRANCH_TYPES.filter((type) => random.chance(type.odds)).map(({ kind }) => ({
      kind,
      prefix: `${kind}/`,
    })),
  };
}

/** Every branch of the repository, main branch first. */
export function deriveBranches(model: SandboxModel, repo: SandboxRepository): SandboxBranch[] {
  const total = createRandom(mixSeed(model.seed, 50, repo.index)).int(5, 40);
  const anchor = parseIsoMicros(model.generatedAt) ?? 0;
  const branches: SandboxBranch[] = [{ name: repo.mainBranch, target: mainBranchHead(model, repo) }];
  if (repo.developmentBranch !== null) {
    const random = branchStream(model, repo, 0);
    const micros = anchor - random.int(MICROS.hour, 7 * MICROS.day);
    branches.push({ name: repo.developmentBranch, target: drawTarget(random, model, repo, micros, "x0") });
  }
  for (let i = branches.length; i < total; i++) {
    const random = branchStream(model, repo, i);
    const label = `x${i}`;
    const name = `${random.pick(PREFIXES)}${canary("branch", `r${repo.index + 1}`, label)}`;
    const stale = random.chance(0.3);
    const age = stale ? random.int(150 * MICROS.day, 700 * MICROS.day) : random.int(MICROS.hour, 60 * MICROS.day);
    branches.push({ name, target: drawTarget(random, model, repo, anchor - age, label) });
  }
  return branches;
}

/** True when a branch's last commit is older than `STALE_AFTER_DAYS` at `at`. */
export function isStale(branch: SandboxBranch, at: Date): boolean {
  return branch.target.micros < at.getTime() * 1000 - STALE_AFTER_DAYS * MICROS.day;
}

function branchStream(model: SandboxModel, repo: SandboxRepository, i: number): Random {
  return createRandom(mixSeed(model.seed, 51, repo.index, i));
}

function drawTarget(
  random: Random,
  model: SandboxModel,
  repo: SandboxRepository,
  micros: number,
  label: string,
): SandboxCommit {
  const hash = random.hex(40);
  const parents = [random.hex(40)];
  const seconds = Math.floor(micros / MICROS.second) * MICROS.second;
  return drawCommitDetails(random, model, repo, { hash, micros: seconds, parents, label });
}
