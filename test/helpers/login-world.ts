/**
 * Everything a login test needs on loopback: the OAuth sandbox with one consumer, the API stub, the
 * Corvana sandbox, a temporary CORVANA_BB_HOME with the file credential store, and a free callback port.
 */
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { runLogin } from "../../src/auth/login.ts";
import { type Config, loadConfig } from "../../src/config/load-config.ts";
import { type RunningCorvanaSandbox, startCorvanaSandbox } from "../../src/sandbox/corvana/corvana-sandbox.ts";
import { type RunningOAuthSandbox, startOAuthSandbox } from "../../src/sandbox/oauth/oauth-sandbox.ts";
import { playBrowser } from "../../src/sandbox/oauth/scripted-browser.ts";
import { type ApiStub, startApiStub } from "./bitbucket-api-stub.ts";

/** The consumer every login test uses (synthetic values). */
export const consumer = {
  key: "sandbox-consumer-key",
  secret: "sandbox-consumer-secret-7f3a9c",
  scopes: ["account", "repository", "pullrequest", "pipeline"],
} as const;

export const workspace = "sandbox-workspace";
export const enrollmentCode = "ENROLL-1234-ABCD";

/** A running world; close() stops the servers and deletes the home directory. */
export interface LoginWorld {
  oauth: RunningOAuthSandbox;
  api: ApiStub;
  corvana: RunningCorvanaSandbox;
  home: string;
  port: number;
  env: NodeJS.ProcessEnv;
  config(overrides?: NodeJS.ProcessEnv): Config;
  close(): Promise<void>;
}

/** Options of the world. */
export interface LoginWorldOptions {
  accessTokenLifetimeSeconds?: number;
  consumerScopes?: string[];
  isPrivate?: boolean;
  /** Authorization header values the API stub accepts besides the sandbox's tokens, with their scopes. */
  accepted?: Record<string, string[]>;
}

/** Starts a world. */
export async function startLoginWorld(options: LoginWorldOptions = {}): Promise<LoginWorld> {
  const port = await freePort();
  const oauth = await startOAuthSandbox({
    consumers: [
      {
        key: consumer.key,
        secret: consumer.secret,
        callbackUrl: `http://127.0.0.1:${port}/callback`,
        scopes: options.consumerScopes ?? [...consumer.scopes],
        isPrivate: options.isPrivate ?? true,
      },
    ],
    ...(options.accessTokenLifetimeSeconds === undefined
      ? {}
      : { accessTokenLifetimeSeconds: options.accessTokenLifetimeSeconds }),
  });
  const api = await startApiStub({
    oauth,
    workspaces: [workspace],
    ...(options.accepted === undefined ? {} : { accepted: options.accepted }),
  });
  const corvana = await startCorvanaSandbox({ enrollmentCodes: [enrollmentCode], revokedCodes: ["REVOKED-CODE"] });
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-login-"));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    CORVANA_BB_HOME: home,
    CORVANA_BB_CREDENTIAL_STORE: "file",
    CORVANA_BB_BITBUCKET_OAUTH_URL: oauth.url,
    CORVANA_BB_BITBUCKET_API_URL: api.url,
    CORVANA_BB_CORVANA_URL: corvana.url,
    CORVANA_BB_CALLBACK_PORT: String(port),
    CORVANA_BB_CLIENT_ID: consumer.key,
    CORVANA_BB_CLIENT_SECRET: consumer.secret,
    CORVANA_BB_WORKSPACE: workspace,
  };
  return {
    oauth,
    api,
    corvana,
    home,
    port,
    env,
    config: (overrides = {}) => loadConfig({ ...env, ...overrides }),
    async close() {
      await Promise.all([oauth.close(), api.close(), corvana.close()]);
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A port that was free a moment ago (bound to port 0 and released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ host: "127.0.0.1", port: 0 }, () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Logs in through the scripted browser so the world's store holds an OAuth login. */
export async function seedOAuthLogin(world: LoginWorld): Promise<void> {
  const config = world.config();
  let visit: Promise<unknown> | undefined;
  await runLogin({
    config,
    store: createFileCredentialStore(config.paths.credentialsFile),
    mode: "browser",
    timeoutMs: 10_000,
    rotateKey: false,
    enrollmentCode: undefined,
    onSignal: () => () => undefined,
    report: () => undefined,
    openBrowser: async (url) => {
      visit = playBrowser(url);
    },
  });
  await visit;
}

/** The credential file's entries (empty when there is no file). */
export function storedEntries(world: LoginWorld): Record<string, string> {
  const file = world.config().paths.credentialsFile;
  if (!fs.existsSync(file)) return {};
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { entries: Record<string, string> }).entries;
}
