/**
 * The CLI entry point: builds the commander program, runs one command, and is the only place that turns
 * errors into messages and exit codes (STYLE.md: errors are expected CliErrors or bugs).
 */
import { Command, CommanderError } from "commander";
import { CliError, ExitCode } from "../errors.ts";
import { version } from "../version.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerDisconnect } from "./commands/disconnect.ts";
import { registerLogin } from "./commands/login.ts";
import { registerStatus } from "./commands/status.ts";
import { registerSync } from "./commands/sync.ts";
import { type CliIo, processIo } from "./io.ts";
import { redact } from "./redact.ts";

/** Builds the program with every command registered against the given process boundary. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("corvana-bb")
    .description("Collects Bitbucket metadata (never source code, titles, comments or names) for Corvana Assess.")
    .version(version, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride();
  registerLogin(program, io);
  registerSync(program, io);
  registerStatus(program, io);
  registerDisconnect(program, io);
  registerDemo(program, io);
  return program;
}

/** Runs the CLI and sets `process.exitCode`; never calls process.exit so output is flushed. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const code = await run(argv, io);
  process.exitCode = code;
  return code;
}

/** Runs one command line and returns its exit code (used by main and by tests). */
export async function run(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    return report(error, io);
  }
}

function report(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with code 0; usage errors were already printed by commander.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof CliError) {
    io.stderr.write(`error: ${redact(error.message)}\n`);
    if (error.hint) io.stderr.write(`hint: ${redact(error.hint)}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.stderr.write(
    `error: unexpected error, please report it with the lines below (corvana-bb ${version}, node ${process.version}, ${process.platform}-${process.arch})\n${redact(detail)}\n`,
  );
  return ExitCode.bug;
}
