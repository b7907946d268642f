/**
 * A scripted browser for tests and `demo`: it opens the authorize URL, follows the sandbox's redirect to
 * the loopback callback, and returns what the callback page said, the way a user's browser would.
 */

/** What the browser ended on. */
export interface BrowserVisit {
  /** The callback address the authorization server redirected to (holds the code or the error). */
  redirectedTo: string;
  status: number;
  page: string;
}

/** Visits `authorizeUrl` and follows one redirect; throws when the server does not redirect. */
export async function playBrowser(authorizeUrl: string): Promise<BrowserVisit> {
  const consent = await fetch(authorizeUrl, { redirect: "manual" });
  const location = consent.headers.get("location");
  await consent.body?.cancel();
  if (consent.status !== 302 || location === null) {
    throw new Error(`the authorize endpoint answered HTTP ${consent.status} without a redirect`);
  }
  const callback = await fetch(location, { redirect: "manual" });
  return { redirectedTo: location, status: callback.status, page: await callback.text() };
}
