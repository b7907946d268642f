/** The path of a URL without its query, for messages and logs (a query can be long and is never needed there). */
export function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return "(invalid URL)";
  }
}
