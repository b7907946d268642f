/**
 * A real HTTP proxy on loopback for the proxy tests: it forwards absolute-form requests (`GET http://…`,
 * what a client sends through a proxy for http:// targets) and tunnels `CONNECT host:port` (https://
 * targets), and records every request that passed through it, so a test can prove the traffic went
 * through the proxy — or, with NO_PROXY, that it did not.
 */
import http from "node:http";
import net from "node:net";

/** One request the proxy handled. */
export interface ProxiedRequest {
  /** "forward" for absolute-form requests, "connect" for tunnels. */
  kind: "forward" | "connect";
  method: string;
  /** The full URL forwarded, or host:port tunnelled. */
  target: string;
  /** The Proxy-Authorization header the client sent, if any. */
  proxyAuthorization: string | undefined;
}

/** A running proxy. */
export interface ForwardingProxy {
  /** `http://127.0.0.1:<port>`, for HTTPS_PROXY / HTTP_PROXY. */
  url: string;
  seen: ProxiedRequest[];
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1 (any free port). */
export async function startForwardingProxy(): Promise<ForwardingProxy> {
  const seen: ProxiedRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((request, response) => {
    const target = request.url ?? "";
    seen.push({
      kind: "forward",
      method: request.method ?? "GET",
      target,
      proxyAuthorization: request.headers["proxy-authorization"],
    });
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      response.writeHead(400).end("absolute-form request expected");
      return;
    }
    const headers = { ...request.headers };
    delete headers["proxy-authorization"];
    delete headers["proxy-connection"];
    const upstream = http.request(
      { host: url.hostname, port: url.port, method: request.method, path: `${url.pathname}${url.search}`, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => response.writeHead(502).end("upstream failed"));
    request.pipe(upstream);
  });
  server.on("connect", (request: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const target = request.url ?? "";
    seen.push({
      kind: "connect",
      method: "CONNECT",
      target,
      proxyAuthorization: request.headers["proxy-authorization"],
    });
    const [host, port] = target.split(":");
    const upstream = net.connect({ host: host ?? "", port: Number(port) }, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
  });
  server.on("connection", (socket: net.Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
