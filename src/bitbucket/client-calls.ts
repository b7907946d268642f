/**
 * The three ways the client calls an endpoint of the table (a `next`-linked walk, a page-numbered
 * walk, one object), shared by the method groups (activity, pipelines, branches) so that each
 * group is a thin mapping of arguments to endpoints and errors.
 */
import { buildUrl, type Endpoint } from "./endpoints.ts";
import { paginate } from "./paginate.ts";
import { paginateByNumber } from "./paginate-by-number.ts";
import { parseNumberedPage, parsePage, parseValue } from "./parse.ts";
import type { JsonResult } from "./responses.ts";
import type { Page } from "./types.ts";
import { pathOf } from "./url-path.ts";

/** Path parameters of an endpoint, by name. */
export type PathParams = Record<string, string | number>;

/** Turns a 403/404 into the error the method throws. */
export type Unavailable = (status: 403 | 404) => Error;

/** The calls a method group builds on. */
export interface ClientCalls {
  /** Walks a collection by its `next` links (list- or iterator-based), a page at a time. */
  walk<T>(
    endpoint: Endpoint<T>,
    params: PathParams,
    extra: Record<string, string>,
    unavailable: Unavailable,
  ): AsyncGenerator<Page<T>, void>;
  /** Walks a page-numbered collection, asking for page N+1 itself when `next` is missing. */
  walkNumbered<T>(endpoint: Endpoint<T>, params: PathParams, unavailable: Unavailable): AsyncGenerator<Page<T>, void>;
  /** Fetches one object. */
  getOne<T>(endpoint: Endpoint<T>, params: PathParams, unavailable: Unavailable): Promise<T>;
}

/** What the calls need: the API base and a GET returning JSON or a typed 403/404 (policies included). */
export interface ClientCallsDeps {
  apiBase: string;
  getJson: (url: string) => Promise<JsonResult>;
}

/** Creates the calls over one request stack. */
export function createClientCalls({ apiBase, getJson }: ClientCallsDeps): ClientCalls {
  return {
    async *walk(endpoint, params, extra, unavailable) {
      const end = yield* paginate({
        firstUrl: buildUrl(apiBase, endpoint, params, extra),
        apiBase,
        getJson,
        parsePage: (body, path) => parsePage(endpoint.schema, body, path),
      });
      if (end.unavailable !== undefined) throw unavailable(end.unavailable);
    },
    async *walkNumbered(endpoint, params, unavailable) {
      const pagelen = endpoint.maxPagelen;
      if (pagelen === undefined) throw new TypeError(`${endpoint.path} is not paginated`);
      const end = yield* paginateByNumber({
        pageUrl: (page) => buildUrl(apiBase, endpoint, params, { page: String(page) }),
        pagelen,
        apiBase,
        getJson,
        parsePage: (body, path) => parseNumberedPage(endpoint.schema, body, path),
      });
      if (end.unavailable !== undefined) throw unavailable(end.unavailable);
    },
    async getOne(endpoint, params, unavailable) {
      const url = buildUrl(apiBase, endpoint, params);
      const result = await getJson(url);
      if (!result.ok) throw unavailable(result.status);
      return parseValue(endpoint.schema, result.body, pathOf(url));
    },
  };
}
