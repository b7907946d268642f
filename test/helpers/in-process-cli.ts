/**
 * Runs a command line through the CLI layer in this process (commander, rendering, exit codes) with
 * captured streams, optionally looking like a terminal — quicker than a child process where the real
 * process boundary is not what is being tested.
 */
import { PassThrough } from "node:stream";
import type { CliIo } from "../../src/cli/io.ts";
import { run } from "../../src/cli/main.ts";

/** Captured streams and the io to hand to the CLI. */
export interface CapturedIo {
  io: CliIo;
  stdin: PassThrough;
  stdout(): string;
  stderr(): string;
}

/** Streams that record what is written; `tty` makes stdin and stdout look like a terminal. */
export function captureIo(env: NodeJS.ProcessEnv, options: { tty?: boolean } = {}): CapturedIo {
  const tty = options.tty === true;
  const stdin = Object.assign(new PassThrough(), { isTTY: tty });
  const stdout = Object.assign(new PassThrough(), { isTTY: tty, columns: 80 });
  const stderr = Object.assign(new PassThrough(), { isTTY: tty });
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const io: CliIo = { env, stdin, stdout, stderr, onSignal: () => () => undefined };
  return { io, stdin, stdout: () => out, stderr: () => err };
}

/** Runs `corvana-bb <args>` in-process; its exit code and output. */
export async function runInProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { tty?: boolean; input?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const captured = captureIo(env, options);
  if (options.input !== undefined) captured.stdin.end(options.input);
  const code = await run(["node", "corvana-bb", ...args], captured.io);
  return { code, stdout: captured.stdout(), stderr: captured.stderr() };
}
