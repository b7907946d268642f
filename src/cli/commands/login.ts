/**
 * `corvana-bb login` — OAuth in the browser (or a token on stdin, or client credentials), credentials into
 * the OS keychain, enrollment with Corvana. Parses flags, wires the terminal into the use case, renders.
 */
import type { Command } from "commander";
import { type LoginMode, runLogin } from "../../auth/login.ts";
import { openCredentialStore } from "../../auth/open-credential-store.ts";
import { loadConfig } from "../../config/load-config.ts";
import { UsageError } from "../../errors.ts";
import { createHttpDispatcher } from "../../net/http-dispatcher.ts";
import { type CliIo, isInteractive } from "../io.ts";
import { loggerFor } from "../log.ts";
import { renderLoginEvent, renderLoginResult } from "../render/login.ts";
import {
  browserSituation,
  createLineReader,
  type LineReader,
  openInBrowser,
  readAllStdin,
  readHiddenLine,
} from "./login-io.ts";

interface LoginFlags {
  workspace?: string;
  port?: string;
  browser: boolean;
  clientId?: string;
  clientSecret?: string;
  credentialStore?: string;
  withToken?: boolean;
  clientCredentials?: boolean;
  enrollmentCode?: string;
  enrollOnly?: boolean;
  rotateKey?: boolean;
  timeout?: string;
}

/** Registers `login`. */
export function registerLogin(program: Command, io: CliIo): void {
  program
    .command("login")
    .description("Log in to Bitbucket, keep the credentials in the OS keychain, and enroll with Corvana")
    .option("--workspace <slug>", "the Bitbucket workspace (asked or discovered when not set)")
    .option("--port <n>", "loopback callback port; must match the consumer's callback URL (default 53682)")
    .option("--no-browser", "do not open a browser: print the address and accept the final address pasted back")
    .option("--client-id <key>", "the OAuth consumer's key (or CORVANA_BB_CLIENT_ID)")
    .option(
      "--client-secret <secret>",
      "the OAuth consumer's secret (prefer CORVANA_BB_CLIENT_SECRET: flags are visible in ps)",
    )
    .option("--credential-store <kind>", "where credentials are kept: keychain (default) or file")
    .option("--with-token", "read an access token, or an Atlassian API token as email:token, from stdin")
    .option("--client-credentials", "use the client-credentials grant of a private consumer (no browser)")
    .option("--enrollment-code <code>", "the code from the Corvana dashboard (or CORVANA_BB_ENROLLMENT_CODE)")
    .option("--enroll-only", "skip Bitbucket and only enroll with Corvana")
    .option("--rotate-key", "replace the signing key and enroll the new one (needs an enrollment code)")
    .option("--timeout <seconds>", "how long to wait for the browser (default 300)")
    .action(async (flags: LoginFlags, command: Command) => {
      const log = loggerFor(command, io);
      const mode = modeOf(flags);
      const config = loadConfig(io.env, {
        workspace: flags.workspace,
        clientId: flags.clientId,
        clientSecret: flags.clientSecret,
        callbackPort: parseWhole(flags.port, "--port"),
        credentialStore: flags.credentialStore,
      });
      const timeoutMs = (parseWhole(flags.timeout, "--timeout") ?? 300) * 1000;
      if (flags.clientSecret !== undefined) {
        log.warn("--client-secret is visible to other users of this machine; prefer CORVANA_BB_CLIENT_SECRET.");
      }
      const interactive = isInteractive(io);
      const situation = browserSituation(io.env, !flags.browser);
      const store = await openCredentialStore(config, {
        warn: (message) => log.warn(message),
        // On a desktop the keychain may show an unlock prompt; give the user time to type.
        ...(interactive && !situation.remote ? { keychainTimeoutMs: 60_000 } : {}),
      });
      // One dispatcher for the token endpoint, the API check and Corvana: HTTPS_PROXY/NO_PROXY apply to all.
      const http = createHttpDispatcher(io.env);
      let lines: LineReader | undefined;
      const lineReader = () => {
        lines ??= createLineReader(io);
        return lines;
      };
      try {
        const result = await runLogin({
          config,
          store,
          mode,
          timeoutMs,
          rotateKey: flags.rotateKey === true,
          enrollmentCode: flags.enrollmentCode ?? config.enrollmentCode,
          dispatcher: http.dispatcher,
          onSignal: (handler) => io.onSignal(handler),
          report: (event) => io.stderr.write(renderLoginEvent(event, situation.remote)),
          readToken: () =>
            io.stdin.isTTY
              ? readHiddenLine(io, "Paste the token and press Enter (it is not shown): ")
              : readAllStdin(io),
          ...(situation.canOpen ? { openBrowser: openInBrowser } : {}),
          ...(io.stdin.isTTY ? { readLine: (signal: AbortSignal) => lineReader().next(signal) } : {}),
          ...(interactive
            ? {
                promptEnrollmentCode: async () => {
                  io.stderr.write("Enrollment code from the Corvana dashboard (press Enter to skip): ");
                  return (await lineReader().next())?.trim() || undefined;
                },
                chooseWorkspace: async (slugs: string[]) => {
                  io.stderr.write(`Workspaces:\n${slugs.map((slug, i) => `  ${i + 1}. ${slug}`).join("\n")}\nNumber: `);
                  const answer = Number((await lineReader().next())?.trim());
                  return slugs[answer - 1];
                },
              }
            : {}),
        });
        io.stdout.write(renderLoginResult(result));
      } finally {
        lines?.close();
        await http.close();
      }
    });
}

function modeOf(flags: LoginFlags): LoginMode {
  const chosen = [
    flags.withToken ? "--with-token" : undefined,
    flags.clientCredentials ? "--client-credentials" : undefined,
    flags.enrollOnly ? "--enroll-only" : undefined,
  ].filter((flag) => flag !== undefined);
  if (chosen.length > 1) throw new UsageError(`${chosen.join(" and ")} cannot be used together.`);
  if (flags.withToken) return "with-token";
  if (flags.clientCredentials) return "client-credentials";
  if (flags.enrollOnly) return "enroll-only";
  return "browser";
}

function parseWhole(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0)
    throw new UsageError(`${flag} must be a positive whole number, got "${value}".`);
  return Number(value);
}
