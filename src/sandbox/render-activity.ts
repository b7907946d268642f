/**
 * Renders pull request activity entries in the Bitbucket wire format. Each value carries exactly one
 * of `update`, `approval`, `changes_requested` or `comment`, plus a `pull_request` stub (shapes from
 * the real per-PR activity payloads and the SPEC's description; api-notes.md §5 › PR activity).
 * Titles, descriptions, reasons, branch names, comment content and file paths are free text.
 */
import { canary } from "./canary.ts";
import type { SandboxPullRequest, SandboxRepository } from "./model.ts";
import type { SandboxActivity } from "./model-resources.ts";
import { renderUser } from "./render-account.ts";
import { link, type RenderContext, rendered } from "./render-context.ts";
import { renderRepositoryRef } from "./render-repository.ts";
import { formatMicros } from "./timestamps.ts";

/** One activity value of pull request `pr`. */
export function renderActivity(
  ctx: RenderContext,
  repo: SandboxRepository,
  pr: SandboxPullRequest,
  entry: SandboxActivity,
): Record<string, unknown> {
  const stub = pullRequestStub(ctx, repo, pr);
  const date = formatMicros(entry.micros);
  const user = renderUser(ctx, entry.person);
  switch (entry.kind) {
    case "update":
      return { update: renderUpdate(ctx, repo, pr, entry), pull_request: stub };
    case "approval":
      return { approval: { date, user, pullrequest: stub }, pull_request: stub };
    case "changes_requested":
      return { changes_requested: { date, user, pullrequest: stub }, pull_request: stub };
    case "comment":
      return { comment: renderComment(ctx, repo, pr, entry, stub), pull_request: stub };
  }
}

function renderUpdate(
  ctx: RenderContext,
  repo: SandboxRepository,
  pr: SandboxPullRequest,
  entry: SandboxActivity,
): Record<string, unknown> {
  return {
    state: entry.state,
    date: formatMicros(entry.micros),
    author: renderUser(ctx, entry.person),
    title: pr.title,
    description: pr.description,
    reason: entry.state === "DECLINED" ? pr.reason : "",
    source: endpoint(ctx, repo, pr.sourceBranch, entry.sourceCommit ?? pr.sourceCommit),
    destination: endpoint(ctx, repo, pr.destinationBranch, pr.destinationCommit),
  };
}

function renderComment(
  ctx: RenderContext,
  repo: SandboxRepository,
  pr: SandboxPullRequest,
  entry: SandboxActivity,
  stub: Record<string, unknown>,
): Record<string, unknown> {
  const labels = [`r${repo.index + 1}`, `p${pr.id}`, `c${entry.commentId ?? 0}`] as const;
  const self = `${pullRequestUrl(ctx, repo, pr)}/comments/${entry.commentId ?? 0}`;
  const comment: Record<string, unknown> = {
    id: entry.commentId,
    created_on: formatMicros(entry.micros),
    updated_on: formatMicros(entry.micros),
    content: rendered(`Please look at this ${canary("comment", ...labels)}`),
    user: renderUser(ctx, entry.person),
    deleted: false,
    type: "pullrequest_comment",
    pullrequest: stub,
    links: { self: link(self) },
  };
  if (entry.inline) {
    comment.inline = { path: `src/${canary("path", ...labels)}.ts`, from: null, to: 10, outdated: false };
  }
  return comment;
}

function pullRequestStub(ctx: RenderContext, repo: SandboxRepository, pr: SandboxPullRequest): Record<string, unknown> {
  const ws = ctx.model.workspace.slug;
  return {
    type: "pullrequest",
    id: pr.id,
    title: pr.title,
    links: {
      self: link(pullRequestUrl(ctx, repo, pr)),
      html: link(`${ctx.web}/${ws}/${repo.slug}/pull-requests/${pr.id}`),
    },
  };
}

function pullRequestUrl(ctx: RenderContext, repo: SandboxRepository, pr: SandboxPullRequest): string {
  return `${ctx.api}/repositories/${ctx.model.workspace.slug}/${repo.slug}/pullrequests/${pr.id}`;
}

// Activity shows 12-character hashes, like pull requests (real payloads).
function endpoint(ctx: RenderContext, repo: SandboxRepository, branch: string, hash: string): Record<string, unknown> {
  const path = `${ctx.model.workspace.slug}/${repo.slug}`;
  const short = hash.slice(0, 12);
  return {
    commit: {
      hash: short,
      type: "commit",
      links: {
        self: link(`${ctx.api}/repositories/${path}/commit/${short}`),
        html: link(`${ctx.web}/${path}/commits/${short}`),
      },
    },
    repository: renderRepositoryRef(ctx, repo),
    branch: { name: branch },
  };
}
