/** Renders repositories in the Bitbucket wire format (shape of `GET /repositories/{ws}/{repo}`). */
import type { SandboxRepository } from "./model.ts";
import { link, type RenderContext } from "./render-context.ts";

/** The full repository object, as the list and the single-repository endpoint return it. */
export function renderRepository(ctx: RenderContext, repo: SandboxRepository): Record<string, unknown> {
  const { workspace } = ctx.model;
  const api = `${ctx.api}/repositories/${workspace.slug}/${repo.slug}`;
  return {
    type: "repository",
    full_name: `${workspace.slug}/${repo.slug}`,
    links: {
      self: link(api),
      html: link(`${ctx.web}/${workspace.slug}/${repo.slug}`),
      avatar: link(`${ctx.web}/ravatar/${encodeURIComponent(repo.uuid)}`),
      pullrequests: link(`${api}/pullrequests`),
      commits: link(`${api}/commits`),
      forks: link(`${api}/forks`),
      watchers: link(`${api}/watchers`),
      branches: link(`${api}/refs/branches`),
      tags: link(`${api}/refs/tags`),
      downloads: link(`${api}/downloads`),
      source: link(`${api}/src`),
      clone: [
        { name: "https", href: `${ctx.web}/${workspace.slug}/${repo.slug}.git` },
        { name: "ssh", href: `git@127.0.0.1:${workspace.slug}/${repo.slug}.git` },
      ],
      hooks: link(`${api}/hooks`),
    },
    name: repo.name,
    slug: repo.slug,
    description: repo.description,
    scm: "git",
    website: null,
    owner: {
      display_name: workspace.name,
      links: { self: link(`${ctx.api}/workspaces/${encodeURIComponent(workspace.uuid)}`) },
      type: "team",
      uuid: workspace.uuid,
      username: workspace.slug,
    },
    workspace: {
      type: "workspace",
      uuid: workspace.uuid,
      name: workspace.name,
      slug: workspace.slug,
      links: { self: link(`${ctx.api}/workspaces/${workspace.slug}`) },
    },
    is_private: repo.isPrivate,
    project: {
      type: "project",
      key: repo.projectKey,
      uuid: repo.projectUuid,
      name: repo.projectName,
      links: { self: link(`${ctx.api}/workspaces/${workspace.slug}/projects/${repo.projectKey}`) },
    },
    fork_policy: "no_public_forks",
    created_on: repo.createdOn,
    updated_on: repo.updatedOn,
    size: repo.size,
    language: repo.language,
    has_issues: false,
    has_wiki: false,
    uuid: repo.uuid,
    mainbranch: { name: repo.mainBranch, type: "branch" },
    override_settings: { default_merge_strategy: true, branching_model: true },
    parent: null,
  };
}

/** The condensed repository embedded in pull request endpoints. */
export function renderRepositoryRef(ctx: RenderContext, repo: SandboxRepository): Record<string, unknown> {
  const { slug } = ctx.model.workspace;
  return {
    type: "repository",
    full_name: `${slug}/${repo.slug}`,
    links: {
      self: link(`${ctx.api}/repositories/${slug}/${repo.slug}`),
      html: link(`${ctx.web}/${slug}/${repo.slug}`),
    },
    name: repo.name,
    uuid: repo.uuid,
  };
}
