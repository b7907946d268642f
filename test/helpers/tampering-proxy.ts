/**
 * A loopback HTTP server in front of the sandbox Bitbucket that can rewrite JSON answers: a malformed
 * value on one page, an empty page where data exists (a token that silently lost access). Links in the
 * answers are rewritten to point at the proxy, so the client keeps talking to it.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

/** Rewrites the parsed JSON body of a 200 answer for `path` (the query string left out); return it changed. */
export type Tamper = (path: string, query: URLSearchParams, body: Record<string, unknown>) => Record<string, unknown>;

/** A running proxy. */
export interface TamperingProxy {
  /** API base of the proxy, including `/2.0`. */
  url: string;
  /** Replaces the rewrite (none: answers pass unchanged). */
  setTamper(tamper: Tamper | undefined): void;
  close(): Promise<void>;
}

/** Starts a proxy for the sandbox at `origin` (`http://127.0.0.1:PORT`). */
export async function startTamperingProxy(origin: string): Promise<TamperingProxy> {
  let tamper: Tamper | undefined;
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      `${origin}${req.url ?? "/"}`,
      { method: req.method, headers: { ...req.headers, host: new URL(origin).host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          let body = Buffer.concat(chunks).toString("utf8").split(origin).join(self);
          const url = new URL(req.url ?? "/", self);
          if (tamper !== undefined && answer.statusCode === 200 && /json/.test(answer.headers["content-type"] ?? "")) {
            body = JSON.stringify(tamper(url.pathname, url.searchParams, JSON.parse(body) as Record<string, unknown>));
          }
          const { "transfer-encoding": _chunked, ...rest } = answer.headers;
          const headers = { ...rest, "content-length": String(Buffer.byteLength(body)) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${self}/2.0`,
    setTamper: (next) => {
      tamper = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
