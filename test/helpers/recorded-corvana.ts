/**
 * The Corvana sandbox on loopback with a log of every request it was sent ("METHOD path?query"), so tests
 * can prove what reached Corvana — a deletion with purge=true, or no request at all for `status` without
 * --remote — besides what the sandbox itself records (collectors, deletions).
 */
import {
  type CorvanaSandbox,
  type CorvanaSandboxOptions,
  createCorvanaSandbox,
} from "../../src/sandbox/corvana/corvana-sandbox.ts";
import { type LoopbackServer, startLoopbackServer } from "../../src/sandbox/oauth/loopback-server.ts";

/** The running sandbox and its request log. */
export interface RecordedCorvana {
  url: string;
  server: LoopbackServer;
  sandbox: CorvanaSandbox;
  /** Every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the sandbox on 127.0.0.1 (any free port). */
export async function startRecordedCorvana(options: CorvanaSandboxOptions): Promise<RecordedCorvana> {
  const sandbox = createCorvanaSandbox(options);
  const requests: string[] = [];
  const server = await startLoopbackServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    return sandbox.handle(request, response);
  });
  let closed: Promise<void> | undefined;
  return {
    url: server.origin,
    server,
    sandbox,
    requests,
    close: () => {
      closed ??= (async () => {
        sandbox.releaseHeld();
        await server.close();
      })();
      return closed;
    },
  };
}
