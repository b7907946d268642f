/** What the sandbox records about each request, and the check tests run after each case. */

/** One request as the sandbox saw it. `status` is 0 when the connection was reset on purpose. */
export interface RequestLogEntry {
  method: string;
  /** Decoded path, e.g. `/2.0/repositories/corvana-sandbox/repo-001/pullrequests`. */
  path: string;
  /** Query parameters; repeated ones (`state`) keep every value in order. */
  query: Record<string, string[]>;
  status: number;
}

/** The logs `assertSandboxClean` inspects. */
export interface SandboxLogs {
  unknownRequests: readonly RequestLogEntry[];
  contentRequests: readonly RequestLogEntry[];
  /** Exceptions thrown by route handlers (sandbox bugs), answered with 500. */
  internalErrors: readonly unknown[];
}

/** Groups query parameters, keeping repeated values. */
export function queryRecord(params: URLSearchParams): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  for (const [key, value] of params) {
    const list = record[key] ?? [];
    list.push(value);
    record[key] = list;
  }
  return record;
}

/**
 * Throws, listing them, when the sandbox saw a request it does not implement, a request for
 * content, or a handler crash. Call it in `afterEach` so such a request fails the test.
 */
export function assertSandboxClean(logs: SandboxLogs): void {
  const problems = [
    ...logs.contentRequests.map((r) => `content endpoint: ${describe(r)}`),
    ...logs.unknownRequests.map((r) => `unknown endpoint: ${describe(r)}`),
    ...logs.internalErrors.map((e) => `sandbox error: ${e instanceof Error ? e.message : String(e)}`),
  ];
  if (problems.length > 0) {
    throw new Error(`The Bitbucket sandbox saw ${problems.length} forbidden request(s):\n${problems.join("\n")}`);
  }
}

function describe(entry: RequestLogEntry): string {
  const query = new URLSearchParams(
    Object.entries(entry.query).flatMap(([key, values]) => values.map((v): [string, string] => [key, v])),
  ).toString();
  return `${entry.method} ${entry.path}${query ? `?${query}` : ""} → ${entry.status}`;
}
