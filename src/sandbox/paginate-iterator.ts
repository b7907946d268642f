/**
 * Iterator-based pagination (Bitbucket docs, "Pagination"): "the next link's value often contains
 * an unpredictable hash instead of an explicit page number. The commits resource uses
 * iterator-based pagination." The envelope has `pagelen`, `values` and, unless this is the last
 * page, an absolute `next` that carries every original query parameter plus an opaque cursor
 * (`page=<hash>` on commits, `ctx=<token>` on activity feeds); there is no `size` and no `page`.
 * The cursor names the last item shown, so items added at the top while a client pages through
 * (new activity, new commits) neither repeat nor hide older ones.
 */
import { type PageLimits, readPagelen } from "./paginate.ts";
import { jsonError, ok, type RouteRequest, type RouteResponse } from "./routes.ts";

/** How a feed turns its items into cursors and back. */
export interface IteratorCursor<T> {
  /** The query parameter carrying the cursor (`page` or `ctx`). */
  param: string;
  /** The cursor that continues after `item`. */
  after(item: T): string;
  /** The index of the first item after the cursor, or undefined when the cursor is not one of ours. */
  start(cursor: string): number | undefined;
}

/** Serves one page of `items` (already in feed order), rendering only the items on that page. */
export function paginateIterator<T>(
  request: RouteRequest,
  items: readonly T[],
  limits: PageLimits,
  cursor: IteratorCursor<T>,
  render: (item: T) => unknown,
): RouteResponse {
  const pagelen = readPagelen(request, limits);
  if (pagelen === undefined) return jsonError(400, "Invalid pagelen");
  const token = request.query.get(cursor.param);
  const start = token === null ? 0 : cursor.start(token);
  if (start === undefined) return jsonError(400, `Invalid ${cursor.param}`);
  const shown = items.slice(start, start + pagelen);
  const envelope: Record<string, unknown> = { pagelen, values: shown.map(render) };
  const last = shown.at(-1);
  if (last !== undefined && start + pagelen < items.length) {
    const next = new URL(request.url);
    next.searchParams.set(cursor.param, cursor.after(last));
    envelope.next = next.toString();
  }
  return ok(envelope);
}

/** The index of the first item of `sorted` that `compare` puts after `key` (binary search). */
export function firstAfter<T, K>(sorted: readonly T[], key: K, compare: (item: T, key: K) => number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(sorted[mid] as T, key) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
