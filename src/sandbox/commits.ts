/** Read access to a repository's main-branch commits: derived ones with the added ones on top. */
import { commitStream, deriveCommit, drawCommitDetails } from "./generate-commit.ts";
import type { SandboxModel, SandboxRepository } from "./model.ts";
import type { SandboxCommit } from "./model-resources.ts";
import { requireRepository } from "./pull-requests.ts";
import { parseIsoMicros } from "./timestamps.ts";

/** Every commit reachable from the main branch, newest first (topological order). */
export function mainBranchCommits(model: SandboxModel, repo: SandboxRepository): SandboxCommit[] {
  const list = [...repo.addedCommits].reverse();
  for (let k = repo.generatedCommits; k >= 1; k--) list.push(deriveCommit(model, repo, k));
  return list;
}

/**
 * The newest commit of the main branch. A repository generated without commits still has a main
 * branch, so it then points at a root commit created with the repository.
 */
export function mainBranchHead(model: SandboxModel, repo: SandboxRepository): SandboxCommit {
  const added = repo.addedCommits.at(-1);
  if (added) return added;
  if (repo.generatedCommits > 0) return deriveCommit(model, repo, repo.generatedCommits);
  const random = commitStream(model, repo, 0);
  const micros = parseIsoMicros(repo.createdOn) ?? 0;
  return drawCommitDetails(random, model, repo, { hash: random.hex(40), micros, parents: [], label: "c0" });
}

/** Every main-branch commit of the repository with this slug, newest first; for tests. */
export function listCommits(model: SandboxModel, repoSlug: string): SandboxCommit[] {
  return mainBranchCommits(model, requireRepository(model, repoSlug));
}
