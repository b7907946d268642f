/**
 * The one logger of the CLI. Every diagnostic line a command writes goes through it, to stderr (stdout is
 * for results): on a terminal as short human lines, elsewhere (cron, systemd) with a timestamp per line,
 * and with the global `--log-format json` as one JSON object per line for log shippers. Colours only on a
 * terminal and never with NO_COLOR. Every message and field passes through `redact`, so a secret that
 * slipped into a message is still not printed.
 */
import type { Command } from "commander";
import type { CliIo } from "./io.ts";
import { redact } from "./redact.ts";

/** The formats `--log-format` accepts. */
export const logFormats = ["text", "json"] as const;

/** A log line format. */
export type LogFormat = (typeof logFormats)[number];

/** Levels, in increasing severity. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** Extra structured data of a line (JSON fields; `key=value` in text). */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

/** Writes diagnostic lines. */
export interface Logger {
  readonly format: LogFormat;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** The final error of a command: its message and the hint, as `error:`/`hint:` lines or one JSON line. */
  failure(message: string, hint: string | undefined, fields?: LogFields): void;
}

/** How to build a logger. */
export interface LoggerOptions {
  format?: LogFormat;
  now?: () => Date;
}

const labels: Record<LogLevel, string> = { debug: "debug", info: "", warn: "warning", error: "error" };
const colours: Record<LogLevel, string> = { debug: "2", info: "0", warn: "33", error: "31" };

/** Creates the logger writing to io.stderr. */
export function createLogger(io: CliIo, options: LoggerOptions = {}): Logger {
  const format = options.format ?? "text";
  const now = options.now ?? (() => new Date());
  const terminal = io.stderr.isTTY === true;
  const colour = terminal && (io.env.NO_COLOR ?? "") === "" && io.env.TERM !== "dumb";

  function write(level: LogLevel, message: string, fields: LogFields = {}): void {
    if (format === "json") {
      const line: Record<string, unknown> = { time: now().toISOString(), level, msg: redact(message) };
      for (const [key, value] of Object.entries(fields)) {
        if (value !== undefined) line[key] = typeof value === "string" ? redact(value) : value;
      }
      io.stderr.write(`${JSON.stringify(line)}\n`);
      return;
    }
    const label = labels[level] === "" ? "" : `${paint(labels[level], colours[level])}: `;
    // Without a terminal every line carries its time: cron mails and plain log files have no other.
    const time = terminal ? "" : `${now().toISOString()} `;
    io.stderr.write(`${time}${label}${redact(message)}${textFields(fields)}\n`);
  }

  function paint(text: string, code: string): string {
    return colour ? `\u001b[${code}m${text}\u001b[0m` : text;
  }

  return {
    format,
    info: (message, fields) => write("info", message, fields),
    warn: (message, fields) => write("warn", message, fields),
    error: (message, fields) => write("error", message, fields),
    failure(message, hint, fields = {}) {
      if (format === "json") {
        write("error", message, { ...fields, ...(hint === undefined ? {} : { hint }) });
        return;
      }
      // The last lines of a failed run keep one fixed shape, `error: …` then `hint: …`, so an operator can
      // grep for them in any mail or journal.
      io.stderr.write(`${paint("error", colours.error)}: ${redact(message)}\n`);
      if (hint !== undefined) io.stderr.write(`hint: ${redact(hint)}\n`);
    },
  };
}

/** The logger for a command's action, honouring the global `--log-format`. */
export function loggerFor(command: Command, io: CliIo): Logger {
  return createLogger(io, { format: logFormatOf(command.optsWithGlobals()) });
}

/** Reads a validated `--log-format` from parsed options (text when absent). */
export function logFormatOf(options: Record<string, unknown>): LogFormat {
  return options.logFormat === "json" ? "json" : "text";
}

function textFields(fields: LogFields): string {
  const parts = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? redact(value) : String(value)}`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}
