/**
 * Renders pull requests in the Bitbucket wire format. The shape follows the real payloads:
 * commit hashes are the 12-character short form, `summary` repeats the description, and the
 * list omits `reviewers`, `participants` and `rendered` unless `fields` asks for them.
 */
import type { SandboxPullRequest, SandboxRepository } from "./model.ts";
import { renderUser } from "./render-account.ts";
import { link, type RenderContext, rendered } from "./render-context.ts";
import { renderRepositoryRef } from "./render-repository.ts";

/** Paths the pull request list leaves out by default (Bitbucket docs, "Partial responses" › Field discovery). */
export const PULL_REQUEST_LIST_HIDDEN = ["values.reviewers", "values.participants", "values.rendered"] as const;

/** The full pull request, as `GET …/pullrequests/{id}` returns it. */
export function renderPullRequest(
  ctx: RenderContext,
  repo: SandboxRepository,
  pr: SandboxPullRequest,
): Record<string, unknown> {
  const ws = ctx.model.workspace.slug;
  const api = `${ctx.api}/repositories/${ws}/${repo.slug}`;
  const self = `${api}/pullrequests/${pr.id}`;
  const source = short(pr.sourceCommit);
  const destination = short(pr.destinationCommit);
  const spec = `${ws}/${repo.slug}:${source}%0D${destination}?from_pullrequest_id=${pr.id}&topic=true`;
  return {
    comment_count: pr.commentCount,
    task_count: pr.taskCount,
    type: "pullrequest",
    id: pr.id,
    title: pr.title,
    description: pr.description,
    rendered: { title: rendered(pr.title), description: rendered(pr.description), reason: rendered(pr.reason) },
    state: pr.state,
    draft: pr.draft,
    merge_commit: pr.mergeCommit === null ? null : commit(ctx, repo, short(pr.mergeCommit)),
    close_source_branch: pr.closeSourceBranch,
    closed_by: pr.closedBy === null ? null : renderUser(ctx, pr.closedBy),
    author: renderUser(ctx, pr.author),
    reason: pr.reason,
    created_on: pr.createdOn,
    updated_on: pr.updatedOn,
    destination: endpoint(ctx, repo, pr.destinationBranch, commit(ctx, repo, destination)),
    source: endpoint(ctx, repo, pr.sourceBranch, commit(ctx, repo, source)),
    links: {
      self: link(self),
      html: link(`${ctx.web}/${ws}/${repo.slug}/pull-requests/${pr.id}`),
      commits: link(`${self}/commits`),
      approve: link(`${self}/approve`),
      "request-changes": link(`${self}/request-changes`),
      diff: link(`${api}/diff/${spec}`),
      diffstat: link(`${api}/diffstat/${spec}`),
      comments: link(`${self}/comments`),
      activity: link(`${self}/activity`),
      merge: link(`${self}/merge`),
      decline: link(`${self}/decline`),
      statuses: link(`${self}/statuses`),
    },
    summary: rendered(pr.description),
    reviewers: pr.reviewers.map((person) => renderUser(ctx, person)),
    participants: pr.participants.map((p) => ({
      type: "participant",
      user: renderUser(ctx, p.person),
      role: p.role,
      approved: p.approved,
      state: p.state,
      participated_on: p.participatedOn,
    })),
  };
}

function short(hash: string): string {
  return hash.slice(0, 12);
}

function commit(ctx: RenderContext, repo: SandboxRepository, hash: string): Record<string, unknown> {
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

function endpoint(
  ctx: RenderContext,
  repo: SandboxRepository,
  branch: string,
  target: Record<string, unknown>,
): Record<string, unknown> {
  return { branch: { name: branch }, commit: target, repository: renderRepositoryRef(ctx, repo) };
}
