/**
 * A TLS front for a loopback HTTP server: HTTPS on 127.0.0.1 with a given certificate, forwarding every
 * request to the plain-HTTP server behind it. It lets the TLS tests put the existing sandboxes behind a
 * certificate from a private CA, the way a corporate TLS-inspecting network presents its own.
 */
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";

/** A running front. */
export interface TlsFront {
  /** `https://127.0.0.1:<port>`. */
  origin: string;
  /** Requests forwarded, as "METHOD path". */
  requests: string[];
  close(): Promise<void>;
}

/** Starts a front for `target` (an http:// origin). */
export async function startTlsFront(target: string, tls: { cert: string; key: string }): Promise<TlsFront> {
  const requests: string[] = [];
  const upstream = new URL(target);
  const server = https.createServer(tls, (request, response) => {
    requests.push(`${request.method} ${request.url}`);
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    forward.on("error", () => response.writeHead(502).end());
    request.pipe(forward);
  });
  // A client that gives up on the certificate leaves a TLS error here; that is what some tests expect.
  server.on("tlsClientError", () => undefined);
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `https://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
