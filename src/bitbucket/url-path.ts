// The revision of GET …/commits/{revision} is the main branch name, which never goes into a message
// or a log (DESIGN.md §2): it is shown as {revision}.
const COMMITS_REVISION = /^(.*\/repositories\/[^/]+\/[^/]+\/commits)\/.+$/;

/**
 * The path of a URL without its query, for messages and logs (a query can be long and is never
 * needed there), with a commits revision masked as `{revision}`.
 */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname.replace(COMMITS_REVISION, "$1/{revision}");
  } catch {
    return "(invalid URL)";
  }
}
