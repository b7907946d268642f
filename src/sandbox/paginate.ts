/**
 * List-based pagination as Bitbucket Cloud does it (docs, "Pagination"): an envelope of
 * `pagelen`, `size`, `page`, `values`, `previous` and `next`, where `next` is an absolute URL
 * carrying every original query parameter and is absent on the last page. A `pagelen` above the
 * endpoint's cap is a 400 "Invalid pagelen", never clamped (BCLOUD-13229).
 */
import { jsonError, ok, type RouteRequest, type RouteResponse } from "./routes.ts";

/** Page sizes of one endpoint. */
export interface PageLimits {
  defaultPagelen: number;
  maxPagelen: number;
}

/** Limits of most collections (docs: default 10, at most 100). */
export const DEFAULT_PAGE_LIMITS: PageLimits = { defaultPagelen: 10, maxPagelen: 100 };

/** Serves one page of `items`, rendering only the items on that page. */
export function paginate<T>(
  request: RouteRequest,
  items: readonly T[],
  limits: PageLimits,
  render: (item: T) => unknown,
  hiddenFields?: readonly string[],
): RouteResponse {
  const pagelen = readPagelen(request, limits);
  if (pagelen === undefined) return jsonError(400, "Invalid pagelen");
  const page = positiveInteger(request.query.get("page"), 1);
  if (page === undefined) return jsonError(400, "Invalid page");
  const start = (page - 1) * pagelen;
  const envelope: Record<string, unknown> = {
    pagelen,
    size: items.length,
    values: items.slice(start, start + pagelen).map(render),
    page,
  };
  if (page > 1) envelope.previous = pageUrl(request.url, page - 1);
  if (start + pagelen < items.length) envelope.next = pageUrl(request.url, page + 1);
  return ok(envelope, hiddenFields);
}

/** The request's pagelen (or the default), or undefined when it is not a number within the cap. */
export function readPagelen(request: RouteRequest, limits: PageLimits): number | undefined {
  const pagelen = positiveInteger(request.query.get("pagelen"), limits.defaultPagelen);
  return pagelen === undefined || pagelen > limits.maxPagelen ? undefined : pagelen;
}

function positiveInteger(text: string | null, fallback: number): number | undefined {
  if (text === null) return fallback;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

function pageUrl(current: URL, page: number): string {
  const url = new URL(current);
  url.searchParams.set("page", String(page));
  return url.toString();
}
