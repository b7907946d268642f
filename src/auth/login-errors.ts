/** The ways an interactive login ends without credentials, each with its exit code. */
import { CliError, type CliErrorOptions, ExitCode } from "../errors.ts";

/** Ctrl-C or SIGTERM during login: exit 130 / 143 (128 + signal number), as shells expect. */
export class LoginCancelledError extends CliError {
  constructor(signal: "SIGINT" | "SIGTERM") {
    super("Login cancelled; nothing was saved.", signal === "SIGINT" ? ExitCode.interrupted : ExitCode.terminated);
    this.name = "LoginCancelledError";
  }
}

/** Nobody completed the login in the browser in time. */
export class LoginTimedOutError extends CliError {
  constructor(seconds: number, options: CliErrorOptions = {}) {
    super(`No answer from the browser within ${seconds} s; nothing was saved.`, ExitCode.loginRequired, {
      hint: "Run `corvana-bb login` again (--timeout <seconds> allows longer). On a host without a browser, paste the final address back, or see docs/login.md for SSH port forwarding.",
      ...options,
    });
    this.name = "LoginTimedOutError";
  }
}

/** The user (or Bitbucket) declined the authorization. */
export class LoginDeniedError extends CliError {
  constructor(message: string, options: CliErrorOptions = {}) {
    super(message, ExitCode.loginRequired, {
      hint: "Run `corvana-bb login` again and choose Grant access; ask the workspace admin if the consumer is not allowed.",
      ...options,
    });
    this.name = "LoginDeniedError";
  }
}
