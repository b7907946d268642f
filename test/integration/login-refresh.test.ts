/**
 * The token provider against the OAuth sandbox and a real file store: proactive and 401-driven refresh,
 * single-flight, adopting another process's rotation, and a rejected refresh token ending in "login required".
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBitbucketAuth } from "../../src/auth/bitbucket-auth.ts";
import type { CredentialStore } from "../../src/auth/credential-store.ts";
import { createTokenClient } from "../../src/auth/exchange-token.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { saveStoredCredentials } from "../../src/auth/stored-credentials.ts";
import {
  consumer,
  type LoginWorld,
  seedOAuthLogin,
  startLoginWorld,
  storedEntries,
  workspace,
} from "../helpers/login-world.ts";

let world: LoginWorld;
let store: CredentialStore;

beforeEach(async () => {
  world = await startLoginWorld();
  store = createFileCredentialStore(world.config().paths.credentialsFile);
});
afterEach(async () => {
  await world.close();
});

const saved = () => JSON.parse(storedEntries(world)[`bitbucket:${workspace}`] ?? "{}");
const refreshes = () => world.oauth.tokenRequests.filter((request) => request.grant === "refresh_token");
/** A clock four minutes before the sandbox's two-hour tokens expire: inside the five-minute margin. */
const nearExpiry = () => Date.now() + 7200_000 - 4 * 60_000;

describe("Bitbucket token provider", () => {
  it("uses the saved access token while more than five minutes are left", async () => {
    await seedOAuthLogin(world);
    const auth = await createBitbucketAuth({ config: world.config(), store });
    expect(await auth.getAccessToken()).toBe(saved().accessToken);
    expect(await auth.getAuthorizationHeader()).toBe(`Bearer ${saved().accessToken}`);
    expect(auth.describe()).toMatchObject({ kind: "oauth", backend: "file", scopes: [...consumer.scopes] });
    expect(refreshes()).toEqual([]);
  });

  it("refreshes ahead of expiry and saves the rotated refresh token before handing out the new access token", async () => {
    await seedOAuthLogin(world);
    const before = saved();
    const auth = await createBitbucketAuth({ config: world.config(), store, now: nearExpiry });
    const token = await auth.getAccessToken();
    const after = saved();
    expect(token).not.toBe(before.accessToken);
    expect(token).toBe(after.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(world.oauth.isValidAccessToken(token)).toBe(true);
    expect(refreshes()).toEqual([{ grant: "refresh_token", status: 200 }]);
    // The old refresh token was spent: Bitbucket rotates them.
    const client = createTokenClient({
      oauthUrl: world.oauth.url,
      clientId: consumer.key,
      clientSecret: consumer.secret,
      userAgent: "test",
    });
    await expect(client.refresh(before.refreshToken)).rejects.toMatchObject({ name: "LoginRequiredError" });
  });

  it("does not use renewed tokens it could not save", async () => {
    await seedOAuthLogin(world);
    const failingStore: CredentialStore = { ...store, set: async () => Promise.reject(new Error("disk full")) };
    const auth = await createBitbucketAuth({ config: world.config(), store: failingStore, now: nearExpiry });
    await expect(auth.getAccessToken()).rejects.toMatchObject({
      name: "LoginRequiredError",
      message: expect.stringContaining("could not be saved"),
    });
  });

  it("refreshes once for many concurrent requests", async () => {
    await seedOAuthLogin(world);
    const auth = await createBitbucketAuth({ config: world.config(), store, now: nearExpiry });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => auth.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(refreshes()).toHaveLength(1);
  });

  it("refreshes once on a 401, and not again for the token it just got", async () => {
    await seedOAuthLogin(world);
    const auth = await createBitbucketAuth({ config: world.config(), store });
    const first = await auth.getAccessToken();
    expect(await auth.onUnauthorized()).toBe(true);
    const second = await auth.getAccessToken();
    expect(second).not.toBe(first);
    expect(await auth.onUnauthorized()).toBe(true);
    expect(await auth.getAccessToken()).toBe(second);
    expect(refreshes()).toHaveLength(1);
  });

  it("adopts the tokens another process already rotated instead of spending the refresh token again", async () => {
    await seedOAuthLogin(world);
    const one = await createBitbucketAuth({ config: world.config(), store, now: nearExpiry });
    const other = await createBitbucketAuth({
      config: world.config(),
      store: createFileCredentialStore(world.config().paths.credentialsFile),
      now: nearExpiry,
    });
    const token = await one.getAccessToken();
    expect(await other.getAccessToken()).toBe(token);
    expect(refreshes()).toHaveLength(1);
  });

  it("ends in login required, never a loop, when Bitbucket rejects the refresh token", async () => {
    await seedOAuthLogin(world);
    await saveStoredCredentials(store, workspace, { ...saved(), refreshToken: "revoked-refresh-token" });
    const auth = await createBitbucketAuth({ config: world.config(), store, now: nearExpiry });
    await expect(auth.getAccessToken()).rejects.toMatchObject({ name: "LoginRequiredError", exitCode: 3 });
    await expect(auth.getAccessToken()).rejects.toMatchObject({ name: "LoginRequiredError" });
    await expect(auth.onUnauthorized()).rejects.toMatchObject({ name: "LoginRequiredError" });
    expect(refreshes()).toEqual([{ grant: "refresh_token", status: 400 }]);
  });

  it("lets CORVANA_BB_TOKEN win over the saved credentials", async () => {
    await seedOAuthLogin(world);
    const auth = await createBitbucketAuth({ config: world.config({ CORVANA_BB_TOKEN: "token-from-env" }), store });
    expect(await auth.getAccessToken()).toBe("token-from-env");
    expect(auth.describe()).toEqual({ kind: "env-token", backend: "env" });
    expect(await auth.onUnauthorized()).toBe(false);
  });

  it("says login required when nothing is saved for the workspace", async () => {
    await expect(createBitbucketAuth({ config: world.config(), store })).rejects.toMatchObject({
      name: "LoginRequiredError",
      message: expect.stringContaining(`"${workspace}"`),
    });
  });

  it("fetches a new client-credentials token when the saved one expires, without any refresh token", async () => {
    await saveStoredCredentials(store, workspace, {
      kind: "client-credentials",
      clientId: consumer.key,
      clientSecret: consumer.secret,
      scopes: [],
    });
    const auth = await createBitbucketAuth({ config: world.config(), store });
    const token = await auth.getAccessToken();
    expect(world.oauth.isValidAccessToken(token)).toBe(true);
    expect(saved()).not.toHaveProperty("refreshToken");
    expect(world.oauth.tokenRequests).toEqual([{ grant: "client_credentials", status: 200 }]);
  });

  it("sends an Atlassian API token as HTTP Basic with its e-mail", async () => {
    await saveStoredCredentials(store, workspace, {
      kind: "api-token",
      email: "someone@example.invalid",
      token: "api-token-value",
      scopes: [],
    });
    const auth = await createBitbucketAuth({ config: world.config(), store });
    expect(await auth.getAuthorizationHeader()).toBe(
      `Basic ${Buffer.from("someone@example.invalid:api-token-value").toString("base64")}`,
    );
    expect(await auth.onUnauthorized()).toBe(false);
  });
});
