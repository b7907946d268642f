/**
 * `q` (BBQL) and `sort` for collections (Bitbucket docs, "Filter and sort API objects"): `q`
 * filters, `sort=field` sorts ascending and `sort=-field` descending on one field that `q` could
 * also filter on. An invalid query or sort key is a 400.
 */
import { parseBbql } from "./bbql.ts";
import { type BbqlScalar, type BbqlSchema, compileBbql } from "./bbql-filter.ts";
import { jsonError, type RouteResponse } from "./routes.ts";

/** The filtered and sorted items, or the error response to send. */
export type ListQueryResult<T> = { ok: true; items: T[] } | { ok: false; response: RouteResponse };

/** Applies the request's `q` and `sort` (or `defaultSort`) to `items`. */
export function filterAndSort<T>(
  items: readonly T[],
  query: URLSearchParams,
  schema: BbqlSchema<T>,
  defaultSort: string,
): ListQueryResult<T> {
  let selected = [...items];
  const q = query.get("q");
  if (q !== null && q.trim() !== "") {
    const parsed = parseBbql(q);
    if (!parsed.ok) return { ok: false, response: jsonError(400, "Invalid query", parsed.message) };
    const filter = compileBbql(parsed.query, schema);
    if (!filter.ok) return { ok: false, response: jsonError(400, "Invalid query", filter.message) };
    selected = selected.filter(filter.test);
  }
  const sort = query.get("sort") ?? defaultSort;
  const descending = sort.startsWith("-");
  const name = descending ? sort.slice(1) : sort;
  const field = Object.hasOwn(schema, name) ? schema[name] : undefined;
  if (!field) return { ok: false, response: jsonError(400, "Invalid sort field", `"${name}" cannot be sorted on`) };
  const direction = descending ? -1 : 1;
  // Array.prototype.sort is stable, so ties keep the natural (id) order.
  selected.sort((a, b) => direction * compareScalars(field.get(a), field.get(b)));
  return { ok: true, items: selected };
}

function compareScalars(a: BbqlScalar, b: BbqlScalar): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  return a < b ? -1 : 1;
}
