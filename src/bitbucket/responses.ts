/**
 * Turns an HTTP response into JSON or a typed "unavailable" result. 403/404 are left to the
 * caller because their meaning depends on the endpoint (a repository without Pipelines answers
 * 403/404 and that is not fatal: api-notes.md §9.13). Other 4xx mean this tool sent something
 * wrong, so they are bugs, not CliErrors.
 */
import { BadDataError } from "../errors.ts";
import type { HttpResponse } from "./transport.ts";
import { pathOf } from "./url-path.ts";

/** A JSON body, or the 403/404 the endpoint answered with. */
export type JsonResult = { ok: true; body: unknown } | { ok: false; status: 403 | 404 };

const MAX_SERVER_MESSAGE = 200;

/** Reads the JSON body of a 2xx response; 403/404 come back typed, anything else throws. */
export function readJson(response: HttpResponse, url: string): JsonResult {
  const path = pathOf(url);
  const { status } = response;
  if (status === 403 || status === 404) return { ok: false, status };
  if (status < 200 || status > 299) {
    const detail = serverMessage(response.body);
    throw new Error(`Bitbucket answered HTTP ${status} for GET ${path}${detail === undefined ? "" : `: ${detail}`}`);
  }
  try {
    return { ok: true, body: JSON.parse(response.body) as unknown };
  } catch {
    throw new BadDataError(`Bitbucket sent a body that is not JSON for ${path}.`);
  }
}

/** Bitbucket errors look like `{"type":"error","error":{"message":"Invalid pagelen"}}`. */
function serverMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    const message = parsed?.error?.message;
    if (typeof message !== "string") return undefined;
    return message.slice(0, MAX_SERVER_MESSAGE);
  } catch {
    return undefined;
  }
}
