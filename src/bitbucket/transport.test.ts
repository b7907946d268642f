/**
 * The transport against a real loopback HTTP server (no nock here): headers, keep-alive and
 * timeouts are properties of the real undici stack, which a mock would not exercise.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createTransport, type Transport } from "./transport.ts";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(handler: Handler): Promise<{ url: string; server: Server; connections: () => number }> {
  const server = createServer(handler);
  let connections = 0;
  server.on("connection", () => {
    connections += 1;
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  cleanups.push(async () => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, server, connections: () => connections };
}

function transport(deps: Partial<Parameters<typeof createTransport>[0]> = {}): Transport {
  const created = createTransport({ getAccessToken: async () => "t0", userAgentVersion: "1.2.3", ...deps });
  cleanups.push(() => created.close());
  return created;
}

describe("createTransport", () => {
  it("sends the token, Accept and User-Agent headers and returns status, lowercase headers and body", async () => {
    const seen: IncomingMessage["headers"][] = [];
    const { url } = await serve((req, res) => {
      seen.push(req.headers);
      res.writeHead(404, { "Content-Type": "application/json", "X-Thing": "a" }).end('{"type":"error"}');
    });
    const response = await transport().request({ url: `${url}/2.0/x` });
    expect(response).toMatchObject({ status: 404, body: '{"type":"error"}' });
    expect(response.headers["x-thing"]).toBe("a");
    expect(seen[0]).toMatchObject({
      authorization: "Bearer t0",
      accept: "application/json",
      "user-agent": "corvana-bb/1.2.3 (+https://github.com/corvana/corvana-bb)",
    });
  });

  it("asks for the token before every request, so a refreshed token is used at once", async () => {
    const tokens: (string | undefined)[] = [];
    const { url } = await serve((req, res) => {
      tokens.push(req.headers.authorization);
      res.end("{}");
    });
    let n = 0;
    const t = transport({ getAccessToken: async () => `t${++n}` });
    await t.request({ url });
    await t.request({ url });
    expect(tokens).toEqual(["Bearer t1", "Bearer t2"]);
  });

  it("sends a full Authorization header when one is given (Atlassian API tokens go as Basic)", async () => {
    const seen: (string | undefined)[] = [];
    const { url } = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.end("{}");
    });
    const basic = `Basic ${Buffer.from("ops@example.com:api-token").toString("base64")}`;
    await transport({ getAuthorizationHeader: async () => basic }).request({ url });
    expect(seen).toEqual([basic]);
  });

  it("reuses kept-alive connections instead of opening one per request", async () => {
    const { url, connections } = await serve((_, res) => res.end("{}"));
    const t = transport();
    for (let i = 0; i < 8; i += 1) await t.request({ url });
    // undici may open a second socket while the first is being released; it never opens one per request.
    expect(connections()).toBeLessThanOrEqual(2);
  });

  it("fails with a headers timeout when the server does not answer", async () => {
    const { url } = await serve(() => {});
    await expect(transport({ timeouts: { headersMs: 100 } }).request({ url })).rejects.toMatchObject({
      code: "UND_ERR_HEADERS_TIMEOUT",
    });
  });

  it("fails with a body timeout when the body stalls", async () => {
    const { url } = await serve((_, res) => {
      res.writeHead(200);
      res.write("{");
    });
    await expect(transport({ timeouts: { bodyMs: 100 } }).request({ url })).rejects.toMatchObject({
      code: "UND_ERR_BODY_TIMEOUT",
    });
  });

  it("applies the timeouts to an injected dispatcher too, and leaves it open on close", async () => {
    const { url } = await serve(() => {});
    const dispatcher = new Agent();
    cleanups.push(() => dispatcher.close());
    const t = createTransport({
      getAccessToken: async () => "t",
      userAgentVersion: "1",
      dispatcher,
      timeouts: { headersMs: 100 },
    });
    await expect(t.request({ url })).rejects.toMatchObject({ code: "UND_ERR_HEADERS_TIMEOUT" });
    await t.close();
    expect(dispatcher.closed).toBe(false);
  });
});
