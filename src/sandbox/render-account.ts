/** Renders people and the workspace in the Bitbucket wire format (shapes from the real payloads). */
import { link, type RenderContext, segment } from "./render-context.ts";

/** A person as embedded in other objects (author, closed_by, participants[].user). */
export function renderUser(ctx: RenderContext, person: number): Record<string, unknown> {
  const who = ctx.model.people[person];
  if (!who) throw new RangeError(`no person ${person} in the sandbox model`);
  return {
    display_name: who.displayName,
    links: {
      self: link(`${ctx.api}/users/${segment(who.uuid)}`),
      avatar: link(`${ctx.web}/account/${segment(who.uuid)}/avatar/`),
      html: link(`${ctx.web}/${segment(who.uuid)}/`),
    },
    type: "user",
    uuid: who.uuid,
    account_id: who.accountId,
    nickname: who.nickname,
  };
}

/** The full user object of `GET /user`. */
export function renderCurrentUser(ctx: RenderContext, person: number): Record<string, unknown> {
  return {
    ...renderUser(ctx, person),
    account_status: "active",
    created_on: ctx.model.workspace.createdOn,
    has_2fa_enabled: null,
    is_staff: false,
    location: null,
    website: null,
  };
}

/** The workspace as embedded in repositories and workspace_access entries. */
export function renderWorkspaceBase(ctx: RenderContext, type: "workspace" | "workspace_base"): Record<string, unknown> {
  const { slug, uuid, name } = ctx.model.workspace;
  return {
    type,
    uuid,
    name,
    slug,
    links: {
      avatar: link(`${ctx.web}/workspaces/${slug}/avatar/`),
      html: link(`${ctx.web}/${slug}/`),
      self: link(`${ctx.api}/workspaces/${slug}`),
    },
  };
}

/** The full object of `GET /workspaces/{workspace}`. */
export function renderWorkspace(ctx: RenderContext): Record<string, unknown> {
  const { slug, createdOn } = ctx.model.workspace;
  const base = renderWorkspaceBase(ctx, "workspace");
  return {
    ...base,
    is_private: true,
    is_privacy_enforced: false,
    forking_mode: "internal_only",
    created_on: createdOn,
    updated_on: createdOn,
    links: {
      ...(base.links as object),
      members: link(`${ctx.api}/workspaces/${slug}/members`),
      projects: link(`${ctx.api}/workspaces/${slug}/projects`),
      repositories: link(`${ctx.api}/repositories/${slug}`),
    },
  };
}

/** One entry of `GET /user/workspaces`. */
export function renderWorkspaceAccess(ctx: RenderContext): Record<string, unknown> {
  return {
    type: "workspace_access",
    administrator: false,
    workspace: renderWorkspaceBase(ctx, "workspace_base"),
  };
}
