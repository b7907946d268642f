/**
 * Runs the built CLI (`bin/corvana-bb.js` → `dist/`) as a child process with real exit codes and output.
 * The end-to-end tests need `npm run build` first; `npm test` does it.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The CLI's launcher. */
export const cliPath = path.join(repoRoot, "bin", "corvana-bb.js");

/** What a finished CLI run printed and returned. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child CLI: the parent's PATH only, plus the given variables (no stray CORVANA_BB_*). */
export function cliEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LANG: "C.UTF-8", ...vars };
}

/** Starts the CLI; returns the child and a promise of its result. */
export function startCli(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { stdin?: string } = {},
): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, [cliPath, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
  });
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    stderr += d;
  });
  child.stdin?.end(options.stdin ?? "");
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs the CLI to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv, options: { stdin?: string } = {}): Promise<CliRun> {
  return startCli(args, env, options).done;
}
