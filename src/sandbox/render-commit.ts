/**
 * Renders commits, branches and the effective branching model in the Bitbucket wire format (SPEC
 * `commit`, `branch`, `effective_repo_branching_model` and its examples). Commit dates are whole
 * seconds with `+00:00`, a few in the broken `…+00:00Z` form; `author.raw` ("Name <email>"),
 * `message` and `summary` are free text, and `author.user` is absent for unlinked authors.
 */
import { authorRaw } from "./generate-commit.ts";
import type { SandboxRepository } from "./model.ts";
import type { SandboxBranch, SandboxBranchingModel, SandboxCommit } from "./model-resources.ts";
import { renderUser } from "./render-account.ts";
import { link, type RenderContext, rendered } from "./render-context.ts";
import { renderRepositoryRef } from "./render-repository.ts";
import { formatCommitDate } from "./timestamps.ts";

/** One commit, as `GET …/commits/{revision}` lists it. */
export function renderCommit(
  ctx: RenderContext,
  repo: SandboxRepository,
  commit: SandboxCommit,
): Record<string, unknown> {
  const api = `${ctx.api}/repositories/${ctx.model.workspace.slug}/${repo.slug}`;
  const author: Record<string, unknown> = { type: "author", raw: authorRaw(ctx.model, repo, commit) };
  if (commit.author !== null) author.user = renderUser(ctx, commit.author);
  return {
    type: "commit",
    hash: commit.hash,
    date: formatCommitDate(commit.micros, commit.brokenDate),
    author,
    message: commit.message,
    summary: rendered(commit.message),
    rendered: { message: rendered(commit.message) },
    parents: commit.parents.map((hash) => commitRef(ctx, repo, hash)),
    repository: renderRepositoryRef(ctx, repo),
    participants: [],
    links: {
      self: link(`${api}/commit/${commit.hash}`),
      html: link(`${ctx.web}/${ctx.model.workspace.slug}/${repo.slug}/commits/${commit.hash}`),
      statuses: link(`${api}/commit/${commit.hash}/statuses`),
    },
  };
}

/** One branch, as `GET …/refs/branches` lists it. */
export function renderBranch(
  ctx: RenderContext,
  repo: SandboxRepository,
  branch: SandboxBranch,
): Record<string, unknown> {
  const api = `${ctx.api}/repositories/${ctx.model.workspace.slug}/${repo.slug}`;
  const name = encodeURIComponent(branch.name);
  return {
    name: branch.name,
    target: renderCommit(ctx, repo, branch.target),
    links: {
      self: link(`${api}/refs/branches/${name}`),
      commits: link(`${api}/commits/${name}`),
      html: link(`${ctx.web}/${ctx.model.workspace.slug}/${repo.slug}/branch/${name}`),
    },
    type: "branch",
    merge_strategies: ["merge_commit", "squash", "fast_forward"],
    default_merge_strategy: "merge_commit",
  };
}

/**
 * The effective branching model. `development.branch` and `production.branch` name the branch and
 * its head when it exists ("will not be present if it does not exist", SPEC); `production` is
 * absent when disabled.
 */
export function renderBranchingModel(
  ctx: RenderContext,
  repo: SandboxRepository,
  branchingModel: SandboxBranchingModel,
  branches: readonly SandboxBranch[],
): Record<string, unknown> {
  const api = `${ctx.api}/repositories/${ctx.model.workspace.slug}/${repo.slug}`;
  const side = (setting: { name: string; useMainbranch: boolean }) => {
    const branch = branches.find((b) => b.name === setting.name);
    const out: Record<string, unknown> = { name: setting.name, use_mainbranch: setting.useMainbranch };
    if (branch) out.branch = { type: "branch", name: branch.name, target: { hash: branch.target.hash } };
    return out;
  };
  const out: Record<string, unknown> = {
    type: "effective_repo_branching_model",
    development: side(branchingModel.development),
    branch_types: branchingModel.branchTypes.map(({ kind, prefix }) => ({ kind, prefix })),
    links: { self: link(`${api}/effective-branching-model`) },
  };
  if (branchingModel.production !== null) out.production = side(branchingModel.production);
  return out;
}

function commitRef(ctx: RenderContext, repo: SandboxRepository, hash: string): Record<string, unknown> {
  const path = `${ctx.model.workspace.slug}/${repo.slug}`;
  return {
    type: "commit",
    hash,
    links: {
      self: link(`${ctx.api}/repositories/${path}/commit/${hash}`),
      html: link(`${ctx.web}/${path}/commits/${hash}`),
    },
  };
}
