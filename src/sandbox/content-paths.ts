/**
 * Endpoints that return content (source, diffs, comments, logs, variables, keys, snippets,
 * e-mail addresses). The collector must never call them (DESIGN §2, request allowlist); the
 * sandbox answers 404 and records each call so a test fails on it.
 */
import { splitPath } from "./routes.ts";

const CONTENT_SEGMENTS = new Set([
  "diff",
  "diffstat",
  "patch",
  "src",
  "raw",
  "comments",
  "log",
  "logs",
  "variables",
  "snippets",
  "ssh-keys",
  "emails",
  "filehistory",
  "downloads",
]);

/**
 * True when `pathname` reaches a content endpoint. Identifier positions (workspace, repository,
 * user) are skipped so that a repository named "src" is not mistaken for the source endpoint.
 */
export function isContentPath(pathname: string): boolean {
  const segments = splitPath(pathname);
  const start = segments[0] === "2.0" ? 1 : 0;
  const resource = segments[start];
  // /repositories/{ws}/{repo}/…, /workspaces/{ws}/…, /users/{user}/…: skip the identifiers.
  const skip = resource === "repositories" ? 3 : resource === "workspaces" || resource === "users" ? 2 : 0;
  return segments.slice(start).some((segment, i) => (i === 0 || i >= skip) && CONTENT_SEGMENTS.has(segment));
}
