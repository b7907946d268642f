import { describe, expect, it } from "vitest";
import { callbackUrl, generateAuthUrl } from "./generate-auth-url.ts";

describe("authorize URL", () => {
  it("asks for a code with our state, the S256 challenge and the fixed loopback callback", () => {
    const url = new URL(
      generateAuthUrl({
        oauthUrl: "https://bitbucket.org/site/oauth2",
        clientId: "key 1",
        redirectUri: callbackUrl(53682),
        state: "st",
        pkce: { verifier: "v", challenge: "ch", method: "S256" },
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe("https://bitbucket.org/site/oauth2/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: "key 1",
      response_type: "code",
      redirect_uri: "http://127.0.0.1:53682/callback",
      state: "st",
      code_challenge: "ch",
      code_challenge_method: "S256",
    });
  });
});
