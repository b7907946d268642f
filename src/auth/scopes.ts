/**
 * Scope handling: parse what Bitbucket reports (space-separated `scope`/`scopes` in token responses,
 * comma-separated `X-OAuth-Scopes` on API responses) and judge it against what a read-only collector needs.
 */

/** The read permissions corvana-bb needs (DESIGN §3): Account, Repositories, Pull requests, Pipelines. */
export const neededScopes = ["account", "repository", "pullrequest", "pipeline"] as const;

/** Splits a scope list on spaces and commas, dropping duplicates. */
export function parseScopes(...lists: Array<string | undefined>): string[] {
  const scopes = lists.flatMap((list) => (list ?? "").split(/[\s,]+/)).filter((scope) => scope !== "");
  return [...new Set(scopes)];
}

/** How a set of granted scopes compares with a read-only collector's needs. */
export interface ScopeReport {
  /** Scopes that allow changing something or reading secrets; the consumer should not have them. */
  beyondRead: string[];
  /** Needed read scopes that are missing (what sync will not be able to read). */
  missing: string[];
}

/** Judges granted scopes. Classic scopes (`pullrequest:write`) and API-token scopes (`write:…:bitbucket`) both count. */
export function assessScopes(granted: readonly string[]): ScopeReport {
  const beyondRead = granted.filter(isBeyondRead);
  const has = (scope: string) =>
    granted.some((g) => g === scope || g.startsWith(`${scope}:`) || g === `read:${apiTokenName(scope)}:bitbucket`);
  // `pullrequest` implies `repository` for classic scopes (SPEC narrative › scopes).
  const missing = neededScopes.filter((scope) => !(has(scope) || (scope === "repository" && has("pullrequest"))));
  return { beyondRead, missing: granted.length === 0 ? [] : missing };
}

function isBeyondRead(scope: string): boolean {
  // pipeline:variable reads pipeline variables, which hold secrets; webhook manages webhooks.
  return (
    /:(write|admin|delete)$/.test(scope) ||
    /^(write|admin|delete):/.test(scope) ||
    scope === "pipeline:variable" ||
    scope === "webhook" ||
    scope === "runner:write"
  );
}

function apiTokenName(scope: string): string {
  return scope === "account" ? "user" : scope;
}
