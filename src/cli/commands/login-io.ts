/**
 * The terminal side of `login`: whether a browser can be opened here, reading pasted lines, reading a
 * token without echoing it, and the small prompts. Only the CLI layer touches stdin, TTYs and `open`.
 */
import { createInterface } from "node:readline";
import open from "open";
import { LoginCancelledError } from "../../auth/login-errors.ts";
import type { CliIo } from "../io.ts";

/** Where the browser is likely to run, decided from the environment. */
export interface BrowserSituation {
  /** The browser probably runs on another machine (SSH, or Linux without a display). */
  remote: boolean;
  /** Opening a browser here makes sense: a display, or $BROWSER naming a program that needs none. */
  canOpen: boolean;
}

/** Decides from the environment; `--no-browser` forces printing only. */
export function browserSituation(
  env: NodeJS.ProcessEnv,
  noBrowser: boolean,
  platform = process.platform,
): BrowserSituation {
  const ssh = Boolean(env.SSH_CONNECTION || env.SSH_TTY);
  const noDisplay = platform === "linux" && !env.DISPLAY && !env.WAYLAND_DISPLAY;
  const remote = noBrowser || ssh || noDisplay;
  return { remote, canOpen: !noBrowser && (!(ssh || noDisplay) || Boolean(env.BROWSER)) };
}

/** Opens a URL with the platform's opener (xdg-open honours $BROWSER on Linux). */
export async function openInBrowser(url: string): Promise<void> {
  await open(url);
}

/** Lines typed or pasted on stdin, one at a time; close() releases stdin so the process can exit. */
export interface LineReader {
  next(signal?: AbortSignal): Promise<string | undefined>;
  close(): void;
}

/** Creates a reader over io.stdin (cooked mode, so Ctrl-C stays a signal). */
export function createLineReader(io: CliIo): LineReader {
  const lines: string[] = [];
  const waiters: Array<(line: string | undefined) => void> = [];
  let ended = false;
  const rl = createInterface({ input: io.stdin, terminal: false });
  rl.on("line", (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else lines.push(line);
  });
  rl.on("close", () => {
    ended = true;
    for (const waiter of waiters.splice(0)) waiter(undefined);
  });
  return {
    next(signal) {
      const queued = lines.shift();
      if (queued !== undefined) return Promise.resolve(queued);
      if (ended || signal?.aborted) return Promise.resolve(undefined);
      return new Promise((resolve) => {
        const waiter = (line: string | undefined) => resolve(line);
        waiters.push(waiter);
        signal?.addEventListener("abort", () => {
          const index = waiters.indexOf(waiter);
          if (index >= 0) waiters.splice(index, 1);
          resolve(undefined);
        });
      });
    },
    close() {
      rl.close();
      io.stdin.pause();
    },
  };
}

/** Reads all of stdin (a piped token), at most 64 KiB. */
export async function readAllStdin(io: CliIo): Promise<string> {
  let text = "";
  for await (const chunk of io.stdin) {
    text += typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8");
    if (text.length > 65_536) break;
  }
  return text;
}

/** Reads one line on a TTY without echoing it (for a token typed or pasted by hand). */
export function readHiddenLine(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin as CliIo["stdin"] & { setRawMode?: (raw: boolean) => void };
  io.stderr.write(prompt);
  stdin.setRawMode?.(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (char === "\u0003") {
          finish();
          reject(new LoginCancelledError("SIGINT"));
          return;
        }
        value = char === "\u007f" || char === "\b" ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on("data", onData);
  });
}
