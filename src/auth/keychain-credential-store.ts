/**
 * The OS keychain backend (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
 * @napi-rs/keyring, run in a helper child process (keychain-helper.ts) so that every call has a hard
 * timeout: a keychain that does not answer is killed, and the error says how to choose the file backend.
 * There is never a silent fallback to plaintext.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../errors.ts";
import { type CredentialStore, chooseFileBackendHint } from "./credential-store.ts";

/** The keychain service name for an install: plain `corvana-bb`, or one per CORVANA_BB_HOME. */
export function keychainService(home: string | undefined): string {
  // A separate home (demo, tests, a second install) must not read or overwrite the main install's keys.
  if (home === undefined) return "corvana-bb";
  return `corvana-bb@${createHash("sha256").update(home).digest("hex").slice(0, 12)}`;
}

/** Settings of the keychain backend. */
export interface KeychainStoreOptions {
  service: string;
  /** How long one keychain call may take before the keychain counts as unavailable. */
  timeoutMs: number;
  /** The helper script to run (tests point it at a fake keychain). */
  helperPath?: string;
}

interface Answer {
  id: number;
  ok: boolean;
  value?: unknown;
  message?: string;
}

/** Creates the keychain-backed store; the helper process starts on first use and ends with this process. */
export function createKeychainCredentialStore(options: KeychainStoreOptions): CredentialStore {
  const helperPath = options.helperPath ?? defaultHelperPath();
  let child: ChildProcess | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  function start(): ChildProcess {
    const started = spawn(process.execPath, [helperPath], { stdio: ["pipe", "pipe", "pipe"] });
    let buffer = "";
    let diagnostics = "";
    started.stderr?.setEncoding("utf8");
    started.stderr?.on("data", (chunk: string) => {
      diagnostics = (diagnostics + chunk).slice(-2000);
    });
    started.stdout?.setEncoding("utf8");
    started.stdout?.on("data", (chunk: string) => {
      buffer += chunk;
      for (let end = buffer.indexOf("\n"); end >= 0; end = buffer.indexOf("\n")) {
        const answer = parseAnswer(buffer.slice(0, end));
        buffer = buffer.slice(end + 1);
        if (answer === undefined) continue;
        const waiter = pending.get(answer.id);
        pending.delete(answer.id);
        if (answer.ok) waiter?.resolve(answer.value);
        else waiter?.reject(unavailable(answer.message ?? "unknown error"));
      }
      if (pending.size === 0) setIdle(started, true);
    });
    const fail = (reason: string) => {
      if (child === started) child = undefined;
      for (const waiter of pending.values()) waiter.reject(unavailable(reason));
      pending.clear();
    };
    started.on("error", (error) => fail(error.message));
    started.on("exit", () => fail(lastLine(diagnostics) ?? "the keychain helper process ended"));
    started.stdin?.on("error", () => undefined);
    return started;
  }

  function call(op: string, account?: string, value?: string): Promise<unknown> {
    child ??= start();
    const running = child;
    const id = nextId++;
    setIdle(running, false);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        running.kill("SIGKILL");
        reject(
          unavailable(
            `it did not answer within ${Math.round(options.timeoutMs / 100) / 10} s (a locked keychain waiting for a password prompt, or no Secret Service on this host)`,
          ),
        );
      }, options.timeoutMs);
      pending.set(id, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      running.stdin?.write(`${JSON.stringify({ id, op, service: options.service, account, value })}\n`);
    });
  }

  return {
    backend: "keychain",
    location: `the OS keychain (service "${options.service}")`,
    async get(name) {
      const result = await call("get", name);
      return typeof result === "string" ? result : undefined;
    },
    async set(name, value) {
      await call("set", name, value);
    },
    async delete(name) {
      await call("delete", name);
    },
    async list() {
      const result = await call("list");
      return Array.isArray(result) ? result.filter((item): item is string => typeof item === "string") : [];
    },
  };
}

/** An idle helper must not keep the CLI alive; a busy one must, until its answer arrives. */
function setIdle(child: ChildProcess, idle: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr] as Array<{
    ref?: () => void;
    unref?: () => void;
  } | null>) {
    if (idle) handle?.unref?.();
    else handle?.ref?.();
  }
}

function unavailable(reason: string): UsageError {
  return new UsageError(`The OS keychain is not available: ${oneLine(reason)}.`, { hint: chooseFileBackendHint });
}

function parseAnswer(line: string): Answer | undefined {
  try {
    const answer = JSON.parse(line) as Answer;
    return typeof answer.id === "number" ? answer : undefined;
  } catch {
    // Not ours (a native library writing to stdout): ignore it.
    return undefined;
  }
}

function lastLine(text: string): string | undefined {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /error/i.test(line))
    .at(-1);
}

function oneLine(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .replace(/[.\s]+$/, "")
    .slice(0, 300);
}

function defaultHelperPath(): string {
  // Beside this module: keychain-helper.ts when run from source (tests), keychain-helper.js once built.
  const here = fileURLToPath(import.meta.url);
  return path.join(path.dirname(here), `keychain-helper${path.extname(here)}`);
}
