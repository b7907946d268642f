/**
 * 401 handling around the retrying request function. Access tokens live one to two hours and
 * Bitbucket answers an expired one with 401 (SPEC narrative › Refresh Tokens), so the auth layer
 * gets one chance to refresh before the run stops with "login required".
 */
import { LoginRequiredError } from "../errors.ts";
import type { RequestFn } from "./transport.ts";
import { pathOf } from "./url-path.ts";

/** Asks the auth layer for a new token; true when there is one to retry with. */
export type OnUnauthorized = () => Promise<boolean>;

/** Wraps a request function: a 401 triggers one refresh and one retry, then LoginRequiredError. */
export function withTokenRefresh(send: RequestFn, onUnauthorized: OnUnauthorized | undefined): RequestFn {
  return async (request) => {
    let response = await send(request);
    if (response.status === 401 && onUnauthorized !== undefined) {
      if (await onUnauthorized()) response = await send(request);
    }
    if (response.status === 401) {
      throw new LoginRequiredError(`Bitbucket rejected the credentials (HTTP 401) for ${pathOf(request.url)}.`);
    }
    return response;
  };
}
