/**
 * Page-number pagination for pipelines and steps, whose `next` link Bitbucket may omit although
 * more pages exist (BCLOUD-13806, BCLOUD-20265, atlassian-python-api#740 and #652: `size: 21`,
 * 10 values, no `next`; api-notes.md §3, §9.3). A `next` that is present is followed verbatim like
 * any other; when it is missing the client asks for page N+1 itself, unless the page was short or
 * `page × pagelen` already reaches `size`.
 */
import { BadDataError } from "../errors.ts";
import { checkNextLink } from "./next-link.ts";
import type { PaginationEnd } from "./paginate.ts";
import type { JsonResult } from "./responses.ts";
import type { NumberedPage, Page } from "./types.ts";
import { pathOf } from "./url-path.ts";

/** What one page-numbered walk needs. */
export interface NumberedPaginateOptions<T> {
  /** The URL of page N, built from the endpoint table. */
  pageUrl: (page: number) => string;
  /** The pagelen `pageUrl` asks for; a page shorter than the envelope's (or this) pagelen is the last. */
  pagelen: number;
  /** The configured API base: a `next` link must stay under it. */
  apiBase: string;
  getJson: (url: string) => Promise<JsonResult>;
  /** Parses one page with its envelope; throws BadDataError on a value that does not match. */
  parsePage: (body: unknown, path: string) => NumberedPage<T>;
}

/**
 * Yields one parsed page at a time; the yielded `next` is the URL that will be requested next
 * (Bitbucket's or page N+1), undefined on the last page.
 */
export async function* paginateByNumber<T>(
  options: NumberedPaginateOptions<T>,
): AsyncGenerator<Page<T>, PaginationEnd> {
  const firstUrl = options.pageUrl(1);
  const path = pathOf(firstUrl);
  const seen = new Set<string>([firstUrl]);
  let url: string | undefined = firstUrl;
  // The number of the page requested, and whether the client chose it (not Bitbucket's `next`).
  let counted = 1;
  let chosen = true;
  while (url !== undefined) {
    const result = await options.getJson(url);
    if (!result.ok) return { unavailable: result.status };
    const page = options.parsePage(result.body, path);
    // A server that ignores `page` would hand back page 1 forever once `next` is missing.
    if (chosen && page.page !== undefined && page.page !== counted) {
      throw new BadDataError(`Bitbucket answered page ${page.page} for page ${counted} of ${path}.`);
    }
    const number = page.page ?? counted;
    let next: string | undefined;
    if (isLast(page, number, options.pagelen)) {
      next = undefined;
    } else if (page.next !== undefined) {
      next = page.next;
      checkNextLink(next, options.apiBase, firstUrl, path);
      chosen = false;
    } else {
      next = options.pageUrl(number + 1);
      chosen = true;
    }
    counted = number + 1;
    if (next !== undefined) {
      if (seen.has(next)) {
        throw new BadDataError(`Bitbucket pagination loops for ${path}: the same page came back twice.`);
      }
      seen.add(next);
    }
    yield { values: page.values, next };
    url = next;
  }
  return { unavailable: undefined };
}

// An empty page is the last even with a `next` (stale links: BCLOUD-22441). Without a `next`, a
// full page is followed by another unless `size` says the walk is complete.
function isLast(page: NumberedPage<unknown>, number: number, requestedPagelen: number): boolean {
  if (page.values.length === 0) return true;
  if (page.next !== undefined) return false;
  const pagelen = page.pagelen ?? requestedPagelen;
  if (page.values.length < pagelen) return true;
  return page.size !== undefined && number * pagelen >= page.size;
}
