/**
 * The interactive login against real loopback servers: the OAuth and Corvana sandboxes, the real
 * callback server, and the file credential store in a temporary home.
 */
import fs from "node:fs";
import net from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loginInBrowser } from "../../src/auth/browser-login.ts";
import { createTokenClient } from "../../src/auth/exchange-token.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { type LoginDeps, type LoginEvent, runLogin } from "../../src/auth/login.ts";
import { playBrowser } from "../../src/sandbox/oauth/scripted-browser.ts";
import {
  consumer,
  enrollmentCode,
  type LoginWorld,
  startLoginWorld,
  storedEntries,
  workspace,
} from "../helpers/login-world.ts";

let world: LoginWorld;
let events: LoginEvent[];
let signalHandler: ((signal: "SIGINT" | "SIGTERM") => void) | undefined;

beforeEach(async () => {
  world = await startLoginWorld();
  events = [];
  signalHandler = undefined;
});
afterEach(async () => {
  await world.close();
});

function login(overrides: Partial<LoginDeps> = {}) {
  const config = world.config();
  return runLogin({
    config,
    store: createFileCredentialStore(config.paths.credentialsFile),
    mode: "browser",
    timeoutMs: 10_000,
    rotateKey: false,
    enrollmentCode: undefined,
    onSignal: (handler) => {
      signalHandler = handler;
      return () => {
        signalHandler = undefined;
      };
    },
    report: (event) => events.push(event),
    ...overrides,
  });
}

async function authorizeUrl(): Promise<string> {
  await expect.poll(() => events.some((event) => event.type === "authorize")).toBe(true);
  const event = events.find((e) => e.type === "authorize");
  if (event?.type !== "authorize") throw new Error("no authorize event");
  return event.url;
}

/** What the sandbox redirects the browser to, without visiting it. */
async function redirectFor(url: string): Promise<string> {
  const response = await fetch(url, { redirect: "manual" });
  return response.headers.get("location") ?? "";
}

describe("browser login", () => {
  it("logs in through the browser, saves the credentials in a 0600 file and enrolls with Corvana", async () => {
    let visit: ReturnType<typeof playBrowser> | undefined;
    const result = await login({
      enrollmentCode,
      openBrowser: async (url) => {
        visit = playBrowser(url);
      },
    });

    expect(result.bitbucket).toMatchObject({
      workspace,
      kind: "oauth",
      accountType: "user",
      workspaceRemembered: true,
    });
    expect(result.bitbucket?.scopes).toEqual(["account", "repository", "pullrequest", "pipeline"]);
    expect(result.bitbucket?.scopeReport).toEqual({ beyondRead: [], missing: [] });
    expect(result.enrollment).toMatchObject({ status: "enrolled", rotated: false });
    expect(await visit).toMatchObject({ status: 200, page: expect.stringContaining("Logged in") });

    const file = world.config().paths.credentialsFile;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const entries = storedEntries(world);
    expect(Object.keys(entries).sort()).toEqual([
      "bitbucket:sandbox-workspace",
      "corvana-collector",
      "install-secret",
      "signing-key",
    ]);
    const saved = JSON.parse(entries["bitbucket:sandbox-workspace"] ?? "{}");
    expect(world.oauth.isValidAccessToken(saved.accessToken)).toBe(true);
    expect(saved).toMatchObject({ kind: "oauth", clientId: "sandbox-consumer-key" });
    const [collector] = [...world.corvana.collectors.values()];
    expect(JSON.parse(entries["corvana-collector"] ?? "{}").collectorId).toBe(collector?.id);
    expect(JSON.parse(fs.readFileSync(world.config().paths.configFile, "utf8"))).toEqual({ workspace });
    expect(world.oauth.tokenRequests).toEqual([{ grant: "authorization_code", status: 200 }]);
  });

  it("refuses a callback with the wrong state and keeps waiting for the right one", async () => {
    let refused: Response | undefined;
    const result = await login({
      openBrowser: async (url) => {
        const location = new URL(await redirectFor(url));
        location.searchParams.set("state", "not-the-state-of-this-login");
        refused = await fetch(location);
        await playBrowser(url);
      },
    });
    expect(result.bitbucket?.workspace).toBe(workspace);
    expect(refused?.status).toBe(400);
    expect(await refused?.text()).toContain("belongs to another login");
    expect(events).toContainEqual({ type: "refused", reason: "wrong-state" });
  });

  it("refuses a replayed callback while the first one is answered, and nothing listens afterwards", async () => {
    const config = world.config();
    let location = "";
    let replay: Response | undefined;
    let firstPage: Promise<Response> | undefined;
    const tokens = createTokenClient({
      oauthUrl: config.bitbucketOAuthUrl,
      clientId: consumer.key,
      clientSecret: consumer.secret,
      userAgent: "test",
    });
    await loginInBrowser({
      oauthUrl: config.bitbucketOAuthUrl,
      clientId: consumer.key,
      port: world.port,
      timeoutMs: 10_000,
      onSignal: () => () => undefined,
      report: (event) => events.push(event),
      // The exchange waits until the replay has been answered, so the server is certainly still up.
      tokens: {
        ...tokens,
        exchangeCode: async (params) => {
          replay = await fetch(location);
          return tokens.exchangeCode(params);
        },
      },
      openBrowser: async (url) => {
        location = await redirectFor(url);
        firstPage = fetch(location);
      },
    });
    expect(replay?.status).toBe(409);
    expect(await replay?.text()).toContain("Already used");
    expect((await firstPage)?.status).toBe(200);
    expect(events).toContainEqual({ type: "refused", reason: "replayed" });
    await expect(fetch(location)).rejects.toThrow();
    expect(world.oauth.tokenRequests).toEqual([{ grant: "authorization_code", status: 200 }]);
  });

  it("ends with exit code 3 and saves nothing when consent is denied", async () => {
    world.oauth.setConsent("deny");
    let visit: ReturnType<typeof playBrowser> | undefined;
    const failure = await login({
      openBrowser: async (url) => {
        visit = playBrowser(url);
      },
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: "LoginDeniedError", exitCode: 3 });
    expect((await visit)?.page).toContain("Access was not granted");
    expect(storedEntries(world)).toEqual({});
  });

  it("times out with exit code 3 and frees the callback port", async () => {
    const failure = await login({ timeoutMs: 300 }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: "LoginTimedOutError", exitCode: 3 });
    await expectPortFree(world.port);
    expect(storedEntries(world)).toEqual({});
  });

  it("ends with exit code 130 on Ctrl-C and frees the callback port", async () => {
    const running = login().catch((error: unknown) => error);
    await authorizeUrl();
    signalHandler?.("SIGINT");
    expect(await running).toMatchObject({ name: "LoginCancelledError", exitCode: 130 });
    await expectPortFree(world.port);
  });

  it("names --port and CORVANA_BB_CALLBACK_PORT when the callback port is busy", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: "127.0.0.1", port: world.port }, resolve));
    try {
      const failure = (await login().catch((error: unknown) => error)) as {
        message: string;
        hint: string;
        exitCode: number;
      };
      expect(failure.exitCode).toBe(2);
      expect(failure.message).toContain(`Port ${world.port}`);
      expect(failure.hint).toContain("--port");
      expect(failure.hint).toContain("CORVANA_BB_CALLBACK_PORT");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });

  it("accepts the redirected address pasted back, after refusing junk and another login's address", async () => {
    const { readLine, paste } = pasteQueue();
    const running = login({ readLine });
    const location = await redirectFor(await authorizeUrl());
    const foreign = new URL(location);
    foreign.searchParams.set("state", "some-other-login");
    paste("this is not it");
    paste(foreign.toString());
    paste(location);
    const result = await running;
    expect(result.bitbucket?.kind).toBe("oauth");
    expect(events).toContainEqual({ type: "refused", reason: "pasted-unrecognised" });
    expect(events).toContainEqual({ type: "refused", reason: "pasted-wrong-state" });
  });

  it("accepts a bare pasted code", async () => {
    const { readLine, paste } = pasteQueue();
    const running = login({ readLine });
    paste(new URL(await redirectFor(await authorizeUrl())).searchParams.get("code") ?? "");
    const result = await running;
    expect(result.bitbucket?.workspace).toBe(workspace);
  });
});

/** A fake terminal: lines pasted by the test, read by the login one at a time. */
function pasteQueue() {
  const pasted: string[] = [];
  const waiting: Array<(line: string) => void> = [];
  return {
    readLine: () =>
      new Promise<string | undefined>((resolve) => {
        const line = pasted.shift();
        if (line !== undefined) resolve(line);
        else waiting.push(resolve);
      }),
    paste(line: string) {
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else pasted.push(line);
    },
  };
}

async function expectPortFree(port: number): Promise<void> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", reject);
    probe.listen({ host: "127.0.0.1", port }, resolve);
  });
  await new Promise((resolve) => probe.close(resolve));
}
