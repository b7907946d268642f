/**
 * Generic pagination over Bitbucket's `{values, next}` envelope (SPEC narrative › Pagination).
 * `next` is opaque and followed verbatim: re-adding parameters breaks page 2
 * (atlassian-python-api#844). A `next` seen twice is a loop (BCLOUD-22441), and a `next` that
 * leaves the API base or the endpoint is never sent (DESIGN.md §2, layer 1).
 */
import { BadDataError } from "../errors.ts";
import { checkNextLink } from "./next-link.ts";
import type { JsonResult } from "./responses.ts";
import type { Page } from "./types.ts";
import { pathOf } from "./url-path.ts";

/** What one walk over a collection needs. */
export interface PaginateOptions<T> {
  /** The first URL, built from the endpoint table. */
  firstUrl: string;
  /** The configured API base (e.g. `https://api.bitbucket.org/2.0`): `next` must stay under it. */
  apiBase: string;
  getJson: (url: string) => Promise<JsonResult>;
  /** Parses one page; throws BadDataError on a value that does not match. */
  parsePage: (body: unknown, path: string) => Page<T>;
}

/** How a walk ended: normally, or on a 403/404 the caller decides about. */
export interface PaginationEnd {
  unavailable: 403 | 404 | undefined;
}

/**
 * Yields one parsed page at a time, so the caller can commit each page with its cursor. Stops when
 * `next` is absent or a page is empty; the yielded `next` is undefined on the last page.
 */
export async function* paginate<T>(options: PaginateOptions<T>): AsyncGenerator<Page<T>, PaginationEnd> {
  const path = pathOf(options.firstUrl);
  const seen = new Set<string>([options.firstUrl]);
  let url: string | undefined = options.firstUrl;
  while (url !== undefined) {
    const result = await options.getJson(url);
    if (!result.ok) return { unavailable: result.status };
    const page = options.parsePage(result.body, path);
    // An empty page ends the walk even with a `next`: some endpoints keep a stale one (BCLOUD-22441).
    const next = page.values.length === 0 ? undefined : page.next;
    if (next !== undefined) {
      checkNextLink(next, options.apiBase, options.firstUrl, path);
      if (seen.has(next)) {
        throw new BadDataError(`Bitbucket pagination loops for ${path}: the same next link came back twice.`);
      }
      seen.add(next);
    }
    yield { values: page.values, next };
    url = next;
  }
  return { unavailable: undefined };
}
