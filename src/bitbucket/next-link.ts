/**
 * The checks on a `next` link before it is sent: it must be an absolute URL under the configured
 * API base (insight `_url()` does the same, api-notes.md §3) and point at the endpoint being walked,
 * so a hostile or broken server cannot make the client fetch another endpoint (DESIGN.md §2, layer 1).
 */
import { BadDataError } from "../errors.ts";

/** Throws a BadDataError naming `label` unless `next` stays under `apiBase` on the same path as `firstUrl`. */
export function checkNextLink(next: string, apiBase: string, firstUrl: string, label: string): void {
  let target: URL;
  try {
    target = new URL(next);
  } catch {
    throw new BadDataError(`Bitbucket sent a next link for ${label} that is not a URL.`);
  }
  const base = new URL(apiBase.replace(/\/*$/, "/"));
  if (
    target.origin !== base.origin ||
    !target.pathname.startsWith(base.pathname) ||
    target.username !== "" ||
    target.password !== ""
  ) {
    throw new BadDataError(
      `Bitbucket sent a next link for ${label} that leaves ${base.origin}${base.pathname}; refusing to follow a next link off the API origin.`,
    );
  }
  if (trimSlash(target.pathname) !== trimSlash(new URL(firstUrl).pathname)) {
    throw new BadDataError(
      `Bitbucket sent a next link for ${label} that points at another endpoint; refusing to follow it.`,
    );
  }
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, "");
}
