/**
 * A tiny HTTP server on 127.0.0.1 for the OAuth and Corvana sandboxes: it hands each request to a
 * handler and answers 404 for anything the handler does not recognise, keeping a list of those so a test
 * can fail on a request nobody expected (STYLE.md › Tests).
 */
import http from "node:http";

/** Handles a request; resolves false when the request is not one it knows. */
export type SandboxHandler = (
  request: http.IncomingMessage,
  response: http.ServerResponse,
) => boolean | Promise<boolean>;

/** A running loopback server. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  readonly port: number;
  /** "METHOD path" of every request no handler recognised. */
  readonly unrecognised: string[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 (port 0: any free port). */
export async function startLoopbackServer(handler: SandboxHandler, port = 0): Promise<LoopbackServer> {
  const unrecognised: string[] = [];
  const server = http.createServer((request, response) => {
    Promise.resolve(handler(request, response))
      .then((handled) => {
        if (handled) return;
        unrecognised.push(`${request.method} ${request.url}`);
        response.writeHead(404, { "content-type": "application/json" }).end('{"error":"not_found"}');
      })
      .catch((error: unknown) => {
        response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port }, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === "object" && address !== null ? address.port : port;
  return {
    origin: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    unrecognised,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Reads a request body as text, refusing more than `limit` bytes. */
export async function readBody(request: http.IncomingMessage, limit = 1 << 20): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Sends a JSON answer. */
export function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  response.end(JSON.stringify(body));
}
