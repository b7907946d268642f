/**
 * `corvana-bb login` through the CLI layer in-process (commander, rendering, exit codes), with a fake
 * terminal: the paste-back flow on a host without a display, Ctrl-C, and the redaction check that no
 * token, code, secret or private key reaches stdout, stderr, an error message or a file outside the store.
 */
import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBitbucketAuth } from "../../src/auth/bitbucket-auth.ts";
import { createFileCredentialStore } from "../../src/auth/file-credential-store.ts";
import { saveStoredCredentials } from "../../src/auth/stored-credentials.ts";
import type { CliIo } from "../../src/cli/io.ts";
import { run } from "../../src/cli/main.ts";
import {
  consumer,
  enrollmentCode,
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

/** A terminal whose stdin is a TTY (so pasting is offered) and whose output is captured. */
function fakeTerminal(env: NodeJS.ProcessEnv) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  let signal: ((signal: "SIGINT" | "SIGTERM") => void) | undefined;
  const io: CliIo = {
    env,
    stdin,
    stdout,
    stderr,
    onSignal: (handler) => {
      signal = handler;
      return () => {
        signal = undefined;
      };
    },
  };
  return { io, stdin, stdout: () => out, stderr: () => err, interrupt: () => signal?.("SIGINT") };
}

async function authorizeUrlFrom(stderr: () => string): Promise<string> {
  await expect.poll(() => /https?:\/\/\S+\/authorize\?\S+/.test(stderr())).toBe(true);
  return /https?:\/\/\S+\/authorize\?\S+/.exec(stderr())?.[0] ?? "";
}

describe("corvana-bb login (CLI, in-process)", () => {
  it("accepts the redirected address pasted back on a host without a display, and prints no secret", async () => {
    const terminal = fakeTerminal({
      ...world.env,
      CORVANA_BB_ENROLLMENT_CODE: enrollmentCode,
      SSH_CONNECTION: "10.0.0.1 5000 10.0.0.2 22",
    });
    const running = run(["node", "corvana-bb", "login"], terminal.io);
    const authorize = await authorizeUrlFrom(terminal.stderr);
    expect(terminal.stderr()).toContain("paste it here");
    expect(terminal.stderr()).toContain(`ssh -L ${world.port}:127.0.0.1:${world.port}`);
    const redirected = (await fetch(authorize, { redirect: "manual" })).headers.get("location") ?? "";
    terminal.stdin.write(`${redirected}\n`);
    expect(await running).toBe(0);
    expect(terminal.stdout()).toContain(`Logged in to Bitbucket workspace "${workspace}"`);

    const entries = storedEntries(world);
    const saved = JSON.parse(entries[`bitbucket:${workspace}`] ?? "{}");
    const collector = JSON.parse(entries["corvana-collector"] ?? "{}");
    const secrets = [
      saved.accessToken,
      saved.refreshToken,
      new URL(redirected).searchParams.get("code"),
      consumer.secret,
      collector.ingestToken,
      entries["install-secret"],
      ...(entries["signing-key"] ?? "").split("\n").filter((line) => line.length > 20),
    ];
    expect(secrets.every((secret) => typeof secret === "string" && secret.length >= 8)).toBe(true);
    const logs = readAllFiles(path.join(world.home, "logs"));
    for (const secret of secrets) {
      expect(terminal.stdout()).not.toContain(secret);
      expect(terminal.stderr()).not.toContain(secret);
      expect(logs).not.toContain(secret);
    }
  });

  it("exits 130 on Ctrl-C while waiting for the browser", async () => {
    const terminal = fakeTerminal(world.env);
    const running = run(["node", "corvana-bb", "login", "--no-browser"], terminal.io);
    await authorizeUrlFrom(terminal.stderr);
    terminal.interrupt();
    expect(await running).toBe(130);
    expect(terminal.stderr()).toContain("Login cancelled");
    expect(storedEntries(world)).toEqual({});
  });

  it("exits 2 when both --with-token and --client-credentials are given", async () => {
    const terminal = fakeTerminal(world.env);
    expect(await run(["node", "corvana-bb", "login", "--with-token", "--client-credentials"], terminal.io)).toBe(2);
    expect(terminal.stderr()).toContain("cannot be used together");
  });

  it("keeps tokens out of the error messages of a rejected refresh, a rejected secret and a rejected token", async () => {
    const config = world.config();
    const store = createFileCredentialStore(config.paths.credentialsFile);
    await saveStoredCredentials(store, workspace, {
      kind: "oauth",
      clientId: consumer.key,
      clientSecret: consumer.secret,
      accessToken: "access-token-value-5e1f",
      refreshToken: "refresh-token-value-8d2c",
      expiresAt: new Date(Date.now() - 1000).toISOString(),
      scopes: [],
    });
    const auth = await createBitbucketAuth({ config, store });
    const refreshError = (await auth.getAccessToken().catch((error: unknown) => error)) as Error;
    expect(refreshError.name).toBe("LoginRequiredError");

    const terminal = fakeTerminal({ ...world.env, CORVANA_BB_CLIENT_SECRET: "wrong-secret-value-77aa" });
    expect(await run(["node", "corvana-bb", "login", "--client-credentials"], terminal.io)).toBe(2);
    const tokenTerminal = fakeTerminal(world.env);
    tokenTerminal.stdin.isTTY = false;
    tokenTerminal.stdin.end("rejected-token-value-41bd\n");
    expect(await run(["node", "corvana-bb", "login", "--with-token"], tokenTerminal.io)).toBe(3);

    const said = [
      refreshError.message,
      String((refreshError as { hint?: string }).hint),
      terminal.stderr(),
      terminal.stdout(),
      tokenTerminal.stderr(),
      tokenTerminal.stdout(),
    ].join("\n");
    for (const secret of [
      "access-token-value-5e1f",
      "refresh-token-value-8d2c",
      consumer.secret,
      "wrong-secret-value-77aa",
      "rejected-token-value-41bd",
    ]) {
      expect(said).not.toContain(secret);
    }
  });
});

function readAllFiles(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}
