import nock from "nock";
import { describe, expect, it } from "vitest";
import { recorder, useStrictNock } from "../bitbucket/test-support/nock-harness.ts";
import { createTokenClient } from "./exchange-token.ts";

useStrictNock();

const OAUTH = "https://bitbucket.org/site/oauth2";
const SECRET = "consumer-SECRET-91ab";
const now = () => Date.UTC(2026, 0, 1, 12, 0, 0);
const client = createTokenClient({
  oauthUrl: OAUTH,
  clientId: "key-1",
  clientSecret: SECRET,
  userAgent: "corvana-bb/test",
  now,
});
const tokenEndpoint = () => nock("https://bitbucket.org").post("/site/oauth2/access_token");

describe("token client", () => {
  it("exchanges a code form-encoded, with the consumer as HTTP Basic and the PKCE verifier", async () => {
    const { requests, reply } = recorder();
    tokenEndpoint().reply(
      reply({
        access_token: "at-1",
        refresh_token: "rt-1",
        scopes: "account pullrequest",
        token_type: "bearer",
        expires_in: 7200,
        state: "authorization_code",
      }),
    );
    const tokens = await client.exchangeCode({
      code: "code-1",
      verifier: "verifier-1",
      redirectUri: "http://127.0.0.1:53682/callback",
    });
    expect(tokens).toEqual({
      accessToken: "at-1",
      refreshToken: "rt-1",
      expiresAt: "2026-01-01T14:00:00.000Z",
      scopes: ["account", "pullrequest"],
    });
    const request = requests[0];
    expect(request?.headers.get("authorization")).toBe(`Basic ${Buffer.from(`key-1:${SECRET}`).toString("base64")}`);
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(await request?.text()))).toEqual({
      grant_type: "authorization_code",
      code: "code-1",
      code_verifier: "verifier-1",
      redirect_uri: "http://127.0.0.1:53682/callback",
    });
  });

  it("reads the newer `scope` field, merges it with `scopes`, and ignores the grant type echoed as `state`", async () => {
    tokenEndpoint().reply(200, {
      access_token: "at",
      refresh_token: "rt",
      scope: "repository pipeline",
      scopes: "pipeline account",
      expires_in: "3600",
      state: "refresh_token",
    });
    const tokens = await client.refresh("rt-0");
    expect(tokens.scopes).toEqual(["repository", "pipeline", "account"]);
    expect(tokens.expiresAt).toBe("2026-01-01T13:00:00.000Z");
  });

  it("sends the refresh token and gets no refresh token back from client credentials", async () => {
    const { requests, reply } = recorder();
    tokenEndpoint().reply(
      reply({ access_token: "at", token_type: "bearer", expires_in: 7200, state: "client_credentials" }),
    );
    expect(await client.clientCredentials()).not.toHaveProperty("refreshToken");
    expect(await requests[0]?.text()).toBe("grant_type=client_credentials");
  });

  it("ends in login required when Bitbucket rejects the refresh token", async () => {
    tokenEndpoint().reply(400, { error: "invalid_grant", error_description: "Invalid refresh_token" });
    await expect(client.refresh("rt-dead")).rejects.toMatchObject({
      name: "LoginRequiredError",
      exitCode: 3,
      message: expect.stringContaining("invalid_grant: Invalid refresh_token"),
    });
  });

  it("names the consumer settings when the key or secret is wrong, without echoing the secret", async () => {
    tokenEndpoint().reply(401, { error: "invalid_client", error_description: "Invalid OAuth client credentials" });
    const error = (await client
      .exchangeCode({ code: "c", verifier: "v", redirectUri: "r" })
      .catch((e: unknown) => e)) as Error & { hint: string };
    expect(error).toMatchObject({ name: "UsageError", exitCode: 2 });
    expect(error.hint).toContain("CORVANA_BB_CLIENT_SECRET");
    expect(`${error.message} ${error.hint}`).not.toContain(SECRET);
  });

  it("says a client-credentials refusal needs a private consumer", async () => {
    tokenEndpoint().reply(400, { error: "unauthorized_client" });
    await expect(client.clientCredentials()).rejects.toMatchObject({
      hint: expect.stringContaining("private consumer"),
    });
  });

  it("treats 5xx and 429 as temporary", async () => {
    tokenEndpoint().reply(503, "unavailable");
    await expect(client.refresh("rt")).rejects.toMatchObject({ name: "TemporaryError", exitCode: 4 });
  });

  it("refuses a 200 without an access token as bad data", async () => {
    tokenEndpoint().reply(200, { token_type: "bearer" });
    await expect(client.refresh("rt")).rejects.toMatchObject({
      name: "BadDataError",
      message: expect.stringContaining("access_token"),
    });
  });
});
