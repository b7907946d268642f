/**
 * The process boundary handed to commands: streams, environment and terminal facts. Commands never touch
 * `process` directly, so the end-to-end tests and `demo` can run them with their own streams.
 */
import type { Readable, Writable } from "node:stream";

/** What a command may use of the process it runs in. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: Readable & { isTTY?: boolean };
  stdout: Writable & { isTTY?: boolean; columns?: number };
  stderr: Writable & { isTTY?: boolean };
  /** Registers a handler for Ctrl-C / SIGTERM; returns a function that removes it. */
  onSignal(handler: (signal: "SIGINT" | "SIGTERM") => void): () => void;
}

/** The real process. */
export function processIo(): CliIo {
  return {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    onSignal(handler) {
      const onInt = () => handler("SIGINT");
      const onTerm = () => handler("SIGTERM");
      process.once("SIGINT", onInt);
      process.once("SIGTERM", onTerm);
      return () => {
        process.off("SIGINT", onInt);
        process.off("SIGTERM", onTerm);
      };
    },
  };
}

/** True when a human is at the terminal: prompts and spinners are allowed only then. */
export function isInteractive(io: CliIo): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true && io.env.CI !== "true";
}

/** Colours only on a terminal and never when NO_COLOR is set (https://no-color.org). */
export function useColour(io: CliIo): boolean {
  return io.stdout.isTTY === true && (io.env.NO_COLOR ?? "") === "" && io.env.TERM !== "dumb";
}
