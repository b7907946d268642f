/**
 * Logins without a browser (a token on stdin, the client-credentials grant) and the enrollment with
 * Corvana around them: air-gapped, a refused code, re-running login, and rotating the signing key.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { type LoginDeps, runLogin } from "../../src/auth/login.ts";
import {
  enrollmentCode,
  freePort,
  type LoginWorld,
  startLoginWorld,
  storedEntries,
  workspace,
} from "../helpers/login-world.ts";

let world: LoginWorld;

beforeEach(async () => {
  world = await startLoginWorld();
});
afterEach(async () => {
  await world.close();
});

function login(overrides: Partial<LoginDeps> & { env?: NodeJS.ProcessEnv } = {}) {
  const { env, ...rest } = overrides;
  const config = world.config(env);
  return runLogin({
    config,
    store: createFileCredentialStore(config.paths.credentialsFile),
    mode: "client-credentials",
    timeoutMs: 10_000,
    rotateKey: false,
    enrollmentCode: undefined,
    onSignal: () => () => undefined,
    report: () => undefined,
    ...rest,
  });
}

const entry = (name: string) => JSON.parse(storedEntries(world)[name] ?? "null");
const signingKey = () => storedEntries(world)["signing-key"];

async function restartWith(accepted: Record<string, string[]>): Promise<void> {
  await world.close();
  world = await startLoginWorld({ accepted });
}

describe("headless login", () => {
  it("stores a client-credentials login without a refresh token", async () => {
    const result = await login();
    expect(result.bitbucket).toMatchObject({ workspace, kind: "client-credentials" });
    const saved = entry(`bitbucket:${workspace}`);
    expect(saved.kind).toBe("client-credentials");
    expect(saved).not.toHaveProperty("refreshToken");
    expect(world.oauth.isValidAccessToken(saved.accessToken)).toBe(true);
  });

  it("stores an access token read from stdin and sends it as Bearer", async () => {
    await restartWith({ "Bearer workspace-access-token-value": ["pullrequest", "pipeline", "account"] });
    const result = await login({ mode: "with-token", readToken: async () => "  workspace-access-token-value\n" });
    expect(result.bitbucket).toMatchObject({
      workspace,
      kind: "access-token",
      scopes: ["pullrequest", "pipeline", "account"],
    });
    expect(entry(`bitbucket:${workspace}`)).toEqual({
      kind: "access-token",
      token: "workspace-access-token-value",
      scopes: ["pullrequest", "pipeline", "account"],
    });
  });

  it("stores an Atlassian API token given as email:token and sends it as HTTP Basic", async () => {
    const basic = `Basic ${Buffer.from("someone@example.invalid:ATATT-api-token").toString("base64")}`;
    await restartWith({ [basic]: ["read:pullrequest:bitbucket"] });
    const result = await login({
      mode: "with-token",
      readToken: async () => "someone@example.invalid:ATATT-api-token",
    });
    expect(result.bitbucket?.kind).toBe("api-token");
    expect(world.api.authorizations.every((header) => header === basic)).toBe(true);
  });

  it("saves nothing when Bitbucket rejects the token from stdin", async () => {
    const result = await login({ mode: "with-token", readToken: async () => "unknown-token" }).catch(
      (error: unknown) => error,
    );
    expect(result).toMatchObject({ name: "LoginRequiredError", exitCode: 3 });
    expect(world.api.authorizations).toContain("Bearer unknown-token");
    expect(storedEntries(world)).toEqual({});
  });

  it("enrolls on first login and keeps the key and collector when login runs again", async () => {
    const first = await login({ enrollmentCode });
    expect(first.enrollment.status).toBe("enrolled");
    const key = signingKey();
    const collector = entry("corvana-collector");
    const second = await login();
    expect(second.enrollment).toEqual({
      status: "already-enrolled",
      collectorId: collector.collectorId,
      keyFingerprint: collector.keyFingerprint,
    });
    expect(signingKey()).toBe(key);
    expect(world.corvana.collectors.size).toBe(1);
  });

  it("still logs in when Corvana cannot be reached, and enrolls the same key later with --enroll-only", async () => {
    const closedPort = await freePort();
    const offline = await login({ enrollmentCode, env: { CORVANA_BB_CORVANA_URL: `http://127.0.0.1:${closedPort}` } });
    expect(offline.bitbucket?.workspace).toBe(workspace);
    expect(offline.enrollment).toMatchObject({ status: "not-enrolled", reason: "unavailable" });
    const key = signingKey();
    expect(key).toContain("PRIVATE KEY");

    const later = await login({ mode: "enroll-only", enrollmentCode });
    expect(later.bitbucket).toBeUndefined();
    expect(later.enrollment).toMatchObject({
      status: "enrolled",
      rotated: false,
      keyFingerprint: offline.enrollment.keyFingerprint,
    });
    expect(signingKey()).toBe(key);
  });

  it("refuses a revoked enrollment code with exit code 2 after saving the Bitbucket login", async () => {
    const failure = await login({ enrollmentCode: "REVOKED-CODE" }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      name: "UsageError",
      exitCode: 2,
      message: expect.stringMatching(
        /Bitbucket login for "sandbox-workspace" is saved, but: Corvana refused the enrollment code \(enrollment_code_revoked\)/,
      ),
    });
    expect(entry(`bitbucket:${workspace}`)?.kind).toBe("client-credentials");
    expect(world.corvana.collectors.size).toBe(0);
  });

  it("rotates the signing key only with an enrollment code, and enrolls the new key", async () => {
    await login({ enrollmentCode });
    const oldKey = signingKey();
    await expect(login({ rotateKey: true })).rejects.toMatchObject({
      name: "UsageError",
      message: expect.stringContaining("--rotate-key"),
    });
    expect(signingKey()).toBe(oldKey);

    const rotated = await login({ rotateKey: true, enrollmentCode });
    expect(rotated.enrollment).toMatchObject({ status: "enrolled", rotated: true });
    expect(signingKey()).not.toBe(oldKey);
    const latest = [...world.corvana.collectors.values()].at(-1);
    expect(latest?.publicKeyPem).not.toBe([...world.corvana.collectors.values()][0]?.publicKeyPem);
  });

  it("warns about consumers that grant more than read access", async () => {
    await world.close();
    world = await startLoginWorld({
      consumerScopes: ["account", "repository:admin", "pullrequest:write", "pipeline:variable"],
    });
    const result = await login();
    expect(result.bitbucket?.scopeReport.beyondRead).toEqual([
      "repository:admin",
      "pullrequest:write",
      "pipeline:variable",
    ]);
  });
});
