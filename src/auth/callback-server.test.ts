import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { pages } from "./callback-page.ts";
import { type CallbackServer, type RefusedReason, startCallbackServer } from "./callback-server.ts";

let server: CallbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen({ host: "127.0.0.1", port: 0 }, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("callback server", () => {
  it("delivers the code of the callback carrying our state and holds the page until answered", async () => {
    const port = await freePort();
    server = await startCallbackServer({ port, expectedState: "s1" });
    expect(server.redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
    const page = fetch(`${server.redirectUri}?code=c1&state=s1`);
    expect(await server.result).toEqual({ kind: "code", code: "c1" });
    server.answer(pages.success);
    const response = await page;
    expect(response.status).toBe(200);
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain("Logged in");
  });

  it("refuses wrong states and repeats, and ignores other paths and methods", async () => {
    const refused: RefusedReason[] = [];
    server = await startCallbackServer({
      port: await freePort(),
      expectedState: "s1",
      onRefused: (reason) => refused.push(reason),
    });
    const base = server.redirectUri;
    expect((await fetch(`${base}?code=c1&state=other`)).status).toBe(400);
    expect((await fetch(`${base}?code=c1`)).status).toBe(400);
    expect((await fetch(base.replace("/callback", "/favicon.ico"))).status).toBe(404);
    expect((await fetch(`${base}?code=c1&state=s1`, { method: "POST" })).status).toBe(405);
    const denied = await fetch(`${base}?error=access_denied&state=s1`);
    expect(denied.status).toBe(400);
    expect(await server.result).toEqual({ kind: "error", error: "access_denied" });
    expect((await fetch(`${base}?code=c2&state=s1`)).status).toBe(409);
    expect(refused).toEqual(["wrong-state", "wrong-state", "replayed"]);
  });

  it("escapes what Bitbucket sent when it shows an error", async () => {
    server = await startCallbackServer({ port: await freePort(), expectedState: "s1" });
    const response = await fetch(
      `${server.redirectUri}?error=invalid_request&error_description=${encodeURIComponent("<script>x</script>")}&state=s1`,
    );
    const html = await response.text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&#60;script&#62;");
  });

  it("answers a still-held browser request with 'ended' when closed", async () => {
    server = await startCallbackServer({ port: await freePort(), expectedState: "s1" });
    const page = fetch(`${server.redirectUri}?code=c1&state=s1`);
    await server.result;
    await server.close();
    server = undefined;
    expect(await (await page).text()).toContain("This login has ended");
  });
});

describe("callback server and servers that leave state off errors", () => {
  it("ends the login on an error redirect without a state, but never accepts a code without one", async () => {
    server = await startCallbackServer({ port: await freePort(), expectedState: "s1" });
    expect((await fetch(`${server.redirectUri}?code=c1`)).status).toBe(400);
    expect((await fetch(`${server.redirectUri}?error=access_denied`)).status).toBe(400);
    expect(await server.result).toEqual({ kind: "error", error: "access_denied" });
  });
});
