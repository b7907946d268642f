/** Main-branch changes for incremental-sync tests: a new commit on top. Bumps `model.revision`. */
import { mainBranchHead } from "./commits.ts";
import { commitStream, drawCommitDetails } from "./generate-commit.ts";
import type { SandboxModel } from "./model.ts";
import type { SandboxCommit } from "./model-resources.ts";
import { now } from "./mutate.ts";
import { requireRepository } from "./pull-requests.ts";
import { dateToMicros, MICROS } from "./timestamps.ts";

/**
 * Adds a commit on top of the main branch at `at` (default: the model clock; whole seconds, as
 * commit dates are), which must be later than the current head. The main branch points at it.
 */
export function addCommit(model: SandboxModel, repoSlug: string, at: Date = now(model)): SandboxCommit {
  const repo = requireRepository(model, repoSlug);
  const head = mainBranchHead(model, repo);
  const micros = Math.floor(dateToMicros(at) / MICROS.second) * MICROS.second;
  if (micros <= head.micros) throw new RangeError(`a new commit of ${repoSlug} must be later than the head commit`);
  const k = repo.generatedCommits + repo.addedCommits.length + 1;
  const random = commitStream(model, repo, k, 1);
  const commit = drawCommitDetails(random, model, repo, {
    hash: random.hex(40),
    micros,
    parents: [head.hash],
    label: `c${k}`,
  });
  repo.addedCommits.push(commit);
  model.revision++;
  return commit;
}
