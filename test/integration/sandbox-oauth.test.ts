/** The OAuth sandbox behaves like Bitbucket Cloud's OAuth endpoints (api-notes §1), checked over HTTP. */
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningOAuthSandbox, startOAuthSandbox } from "../../src/sandbox/oauth/oauth-sandbox.ts";

let sandbox: RunningOAuthSandbox;
const issued: string[] = [];
const callback = "http://127.0.0.1:53682/callback";
const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString("base64")}`;

beforeEach(async () => {
  issued.length = 0;
  sandbox = await startOAuthSandbox({
    consumers: [
      { key: "public", secret: "s1", callbackUrl: callback, scopes: ["account", "pullrequest"] },
      { key: "private", secret: "s2", callbackUrl: callback, scopes: ["repository"], isPrivate: true },
    ],
    accessTokenLifetimeSeconds: 600,
    onAccessToken: (token) => issued.push(token),
  });
});
afterEach(async () => {
  expect(sandbox.server.unrecognised).toEqual([]);
  await sandbox.close();
});

interface TokenBody {
  access_token: string;
  refresh_token?: string;
  state: string;
}
const json = async (response: Response) => (await response.json()) as TokenBody;

async function authorize(params: Record<string, string>): Promise<Response> {
  return fetch(`${sandbox.url}/authorize?${new URLSearchParams(params)}`, { redirect: "manual" });
}

async function code(extra: Record<string, string> = {}): Promise<string> {
  const response = await authorize({ client_id: "public", response_type: "code", state: "st", ...extra });
  return new URL(response.headers.get("location") ?? "").searchParams.get("code") ?? "";
}

function token(form: Record<string, string>, auth = basic("public", "s1")): Promise<Response> {
  return fetch(`${sandbox.url}/access_token`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
}

describe("OAuth sandbox", () => {
  it("redirects to the callback with a code and our state, accepting a redirect_uri that extends the registered one", async () => {
    const response = await authorize({
      client_id: "public",
      response_type: "code",
      state: "st-1",
      redirect_uri: `${callback}/more`,
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(`${callback}/more`);
    expect(location.searchParams.get("state")).toBe("st-1");
    expect(location.searchParams.get("code")).toMatch(/^[\w-]+$/);
  });

  it("shows an error page instead of redirecting for a foreign redirect_uri or an unknown client", async () => {
    const foreign = await authorize({
      client_id: "public",
      response_type: "code",
      redirect_uri: "http://127.0.0.1:9999/callback",
    });
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("Invalid redirect_uri");
    expect((await authorize({ client_id: "nobody", response_type: "code" })).status).toBe(400);
  });

  it("redirects with error=access_denied when the user declines", async () => {
    sandbox.setConsent("deny");
    const location = new URL(
      (await authorize({ client_id: "public", response_type: "code", state: "s" })).headers.get("location") ?? "",
    );
    expect(location.searchParams.get("error")).toBe("access_denied");
    expect(location.searchParams.get("state")).toBe("s");
  });

  it("exchanges a code once, answering with scope, scopes and the grant type as state", async () => {
    const first = await token({ grant_type: "authorization_code", code: await code() });
    const body = await json(first);
    expect(body).toMatchObject({
      scope: "account pullrequest",
      scopes: "account pullrequest",
      token_type: "bearer",
      expires_in: 600,
      state: "authorization_code",
    });
    expect(sandbox.isValidAccessToken(body.access_token)).toBe(true);
    expect(issued).toEqual([body.access_token]);
    const used = await code();
    await token({ grant_type: "authorization_code", code: used });
    expect((await token({ grant_type: "authorization_code", code: used })).status).toBe(400);
  });

  it("checks the PKCE verifier when one is sent", async () => {
    const verifier = "v".repeat(43);
    const challenge = createHash("sha256").update(verifier).digest("base64url");
    const wrong = await token({
      grant_type: "authorization_code",
      code: await code({ code_challenge: challenge, code_challenge_method: "S256" }),
      code_verifier: "w".repeat(43),
    });
    expect(wrong.status).toBe(400);
    const right = await token({
      grant_type: "authorization_code",
      code: await code({ code_challenge: challenge, code_challenge_method: "S256" }),
      code_verifier: verifier,
    });
    expect(right.status).toBe(200);
  });

  it("rotates refresh tokens: the old one dies when used", async () => {
    const first = await json(await token({ grant_type: "authorization_code", code: await code() }));
    const second = await json(await token({ grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" }));
    expect(second.state).toBe("refresh_token");
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const again = await token({ grant_type: "refresh_token", refresh_token: first.refresh_token ?? "" });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ error: "invalid_grant" });
    expect(sandbox.tokenRequests.map((r) => `${r.grant} ${r.status}`)).toEqual([
      "authorization_code 200",
      "refresh_token 200",
      "refresh_token 400",
    ]);
  });

  it("gives client credentials to private consumers only, without a refresh token", async () => {
    expect((await token({ grant_type: "client_credentials" })).status).toBe(400);
    const body = await json(await token({ grant_type: "client_credentials" }, basic("private", "s2")));
    expect(body).toMatchObject({ state: "client_credentials", scope: "repository" });
    expect(body).not.toHaveProperty("refresh_token");
  });

  it("refuses a JSON body, a wrong secret and an expired access token like Bitbucket", async () => {
    const jsonBody = await fetch(`${sandbox.url}/access_token`, {
      method: "POST",
      headers: { authorization: basic("public", "s1"), "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    expect(await jsonBody.json()).toEqual({
      error: "invalid_grant",
      error_description: "Unsupported grant type: None",
    });
    expect((await token({ grant_type: "client_credentials" }, basic("private", "nope"))).status).toBe(401);
    const body = await json(await token({ grant_type: "client_credentials" }, basic("private", "s2")));
    sandbox.expireAccessTokens();
    expect(sandbox.isValidAccessToken(body.access_token)).toBe(false);
  });
});
