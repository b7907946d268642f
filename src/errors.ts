/**
 * The one family of expected errors. Every layer throws a CliError (or a subclass) for a
 * failure the user can act on; only src/cli/main.ts turns it into a message and an exit code.
 * Anything that is not a CliError is a bug and is reported as one.
 */

/** Exit codes are a contract with operators' cron files and monitoring: see docs/exit-codes.md. */
export const ExitCode = {
  ok: 0,
  bug: 1,
  usage: 2,
  loginRequired: 3,
  temporary: 4,
  partial: 5,
  notAvailable: 6,
  locked: 7,
  badData: 8,
  /** 128 + SIGINT: the user pressed Ctrl-C (shell convention). */
  interrupted: 130,
  /** 128 + SIGTERM: stopped by a service manager or `kill`. */
  terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface CliErrorOptions {
  /** What the user should do next, one sentence. */
  hint?: string;
  cause?: unknown;
}

/** An expected failure with an exit code and a hint. Its message must never contain a secret. */
export class CliError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: ExitCode, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.exitCode = exitCode;
    this.hint = options.hint;
  }
}

/** Invalid flags, environment or config file. */
export class UsageError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.usage, options);
    this.name = "UsageError";
  }
}

/** No usable credentials: missing, expired beyond refresh, or rejected by Bitbucket. */
export class LoginRequiredError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.loginRequired, {
      hint: "Run `corvana-bb login` (or set CORVANA_BB_TOKEN to a workspace access token).",
      ...options,
    });
    this.name = "LoginRequiredError";
  }
}

/** Network failure, 5xx or throttling that outlasted the retries: running again later should work. */
export class TemporaryError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.temporary, {
      hint: "This is usually temporary; the next run resumes where this one stopped.",
      ...options,
    });
    this.name = "TemporaryError";
  }
}

/** The run stopped early on purpose (request budget spent); what was fetched is committed. */
export class PartialProgressError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.partial, {
      hint: "Progress is saved; the next run continues from here.",
      ...options,
    });
    this.name = "PartialProgressError";
  }
}

/** A server answered with data that does not match what the API documents; nothing of it was stored. */
export class BadDataError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.badData, options);
    this.name = "BadDataError";
  }
}

/** A command that is registered but whose feature has not shipped yet. */
export class NotAvailableError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.notAvailable, options);
    this.name = "NotAvailableError";
  }
}

/** Another process holds the lock (a second sync while one runs). */
export class LockedError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.locked, options);
    this.name = "LockedError";
  }
}
