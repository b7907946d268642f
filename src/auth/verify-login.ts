/**
 * The check after a login: Bitbucket must accept the new credentials (GET /2.0/user) and they must reach
 * the workspace (GET /2.0/workspaces/{ws}). Only non-personal fields are requested (`fields=`): the
 * account's type, never its name or e-mail (DESIGN §2). The granted scopes come from X-OAuth-Scopes.
 * A tiny undici call of its own, so login does not depend on the crawler's Bitbucket client.
 */
import { type Dispatcher, request } from "undici";
import { z } from "zod";
import { LoginRequiredError, TemporaryError, UsageError } from "../errors.ts";
import { parseScopes } from "./scopes.ts";

/** How to call the API. */
export interface ApiCallParams {
  /** The API base including `/2.0`. */
  apiUrl: string;
  /** The full Authorization header value. */
  authorization: string;
  userAgent: string;
  dispatcher?: Dispatcher;
}

/** What the check found. */
export interface VerifiedLogin {
  /** `user`, `app_user`, …; undefined when the credential kind cannot read /user (access tokens). */
  accountType: string | undefined;
  workspace: { slug: string; uuid: string | undefined };
  /** Scopes named by X-OAuth-Scopes, when Bitbucket sent the header. */
  scopes: string[];
}

interface ApiResponse {
  status: number;
  json: unknown;
  scopes: string[];
}

/** Checks the credentials against the user and workspace endpoints. */
export async function verifyLogin(params: ApiCallParams & { workspace: string }): Promise<VerifiedLogin> {
  const user = await get(params, "/user?fields=type");
  if (user.status === 401) throw rejected("/user");
  // Access tokens are not users: /user may be refused for them while the workspace is fine.
  const accountType = user.status === 200 ? z.object({ type: z.string() }).safeParse(user.json).data?.type : undefined;
  const ws = await get(params, `/workspaces/${encodeURIComponent(params.workspace)}?fields=slug,uuid`);
  if (ws.status === 401) throw rejected("/workspaces");
  if (ws.status !== 200) {
    throw new UsageError(
      `Workspace "${params.workspace}" was not found, or this login cannot read it (HTTP ${ws.status}).`,
      {
        hint: "Check the slug (the part after bitbucket.org/ in the workspace's address) and that the account or token can access it.",
      },
    );
  }
  const body = z.object({ slug: z.string(), uuid: z.string().optional() }).safeParse(ws.json).data;
  return {
    accountType,
    workspace: { slug: body?.slug ?? params.workspace, uuid: body?.uuid },
    scopes: parseScopes(...[user, ws].flatMap((r) => r.scopes)),
  };
}

/** The slugs of the workspaces the credentials can see (first 500), to pick one when none was given. */
export async function listWorkspaces(params: ApiCallParams): Promise<string[]> {
  const schema = z.object({
    values: z.array(z.object({ workspace: z.object({ slug: z.string() }) })).default([]),
    next: z.string().optional(),
  });
  const slugs: string[] = [];
  let path: string | undefined = "/user/workspaces?fields=values.workspace.slug,next&pagelen=100";
  for (let page = 0; path !== undefined && page < 5; page++) {
    const response = await get(params, path);
    if (response.status === 401) throw rejected("/user/workspaces");
    if (response.status !== 200) break;
    const parsed = schema.safeParse(response.json);
    if (!parsed.success) break;
    slugs.push(...parsed.data.values.map((value) => value.workspace.slug));
    // Follow `next` verbatim, but only on the configured API origin (DESIGN §2).
    const next: string | undefined = parsed.data.next;
    path = next?.startsWith(params.apiUrl) ? next.slice(params.apiUrl.length) : undefined;
  }
  return slugs;
}

async function get(params: ApiCallParams, path: string): Promise<ApiResponse> {
  const url = `${params.apiUrl}${path}`;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: "GET",
      headers: { authorization: params.authorization, accept: "application/json", "user-agent": params.userAgent },
      headersTimeout: 30_000,
      bodyTimeout: 30_000,
      ...(params.dispatcher === undefined ? {} : { dispatcher: params.dispatcher }),
    });
  } catch (error) {
    throw new TemporaryError(`Cannot reach the Bitbucket API at ${new URL(url).origin}.`, { cause: error });
  }
  const text = await response.body.text();
  if (response.statusCode === 429 || response.statusCode >= 500) {
    throw new TemporaryError(`The Bitbucket API answered HTTP ${response.statusCode} to the login check.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const header = response.headers["x-oauth-scopes"];
  return { status: response.statusCode, json, scopes: parseScopes(...(Array.isArray(header) ? header : [header])) };
}

function rejected(path: string): LoginRequiredError {
  return new LoginRequiredError(`Bitbucket rejected the new credentials (HTTP 401 on ${path}).`, {
    hint: "Check that the token or consumer belongs to this Bitbucket workspace and is not expired, then log in again.",
  });
}
