/**
 * The CLI entry point: builds the commander program, runs one command, and is the only place that turns
 * errors into messages and exit codes (STYLE.md: errors are expected CliErrors or bugs).
 */
import { Command, CommanderError, Option } from "commander";
import { CliError, ExitCode } from "../errors.ts";
import { version } from "../version.ts";
import { registerBundle } from "./commands/bundle.ts";
import { registerDemo } from "./commands/demo.ts";
import { registerDisconnect } from "./commands/disconnect.ts";
import { registerDoctor } from "./commands/doctor.ts";
import { registerLogin } from "./commands/login.ts";
import { registerStatus } from "./commands/status.ts";
import { registerSync } from "./commands/sync.ts";
import { type CliIo, processIo } from "./io.ts";
import { createLogger, type Logger, logFormatOf, logFormats } from "./log.ts";

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
    .addOption(
      new Option("--log-format <format>", "diagnostic lines on stderr as text or JSON lines (for log shippers)")
        .choices(logFormats)
        .default("text"),
    )
    .exitOverride();
  registerLogin(program, io);
  registerSync(program, io);
  registerStatus(program, io);
  registerDisconnect(program, io);
  registerDoctor(program, io);
  registerBundle(program, io);
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
    return report(error, createLogger(io, { format: logFormatOf(program.opts()) }));
  }
}

function report(error: unknown, log: Logger): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here with code 0; usage errors were already printed by commander.
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  if (error instanceof CliError) {
    log.failure(error.message, error.hint, { exitCode: error.exitCode });
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const versions = `corvana-bb ${version}, node ${process.version}, ${process.platform}-${process.arch}`;
  if (log.format === "json") {
    log.error("unexpected error, please report it", { versions, detail, exitCode: ExitCode.bug });
  } else {
    log.failure(`unexpected error, please report it with the lines below (${versions})\n${detail}`, undefined);
  }
  return ExitCode.bug;
}
