/**
 * The interactive OAuth authorization-code flow, step by step: PKCE and state, the loopback callback
 * server, the authorize URL (opened in a browser when there is one, always printed), then whichever comes
 * first of the browser's callback, a pasted redirect address, the timeout, or Ctrl-C; then the code
 * exchange. Terminal I/O is injected: this module never touches the process.
 */
import { UsageError } from "../errors.ts";
import { pages } from "./callback-page.ts";
import { type CallbackResult, type RefusedReason, startCallbackServer } from "./callback-server.ts";
import type { TokenClient, TokenSet } from "./exchange-token.ts";
import { generateAuthUrl } from "./generate-auth-url.ts";
import { LoginCancelledError, LoginDeniedError, LoginTimedOutError } from "./login-errors.ts";
import { parsePastedRedirect } from "./parse-redirect.ts";
import { createPkcePair } from "./pkce.ts";
import { createState } from "./state.ts";

/** What the flow tells the terminal while it runs. */
export type BrowserLoginEvent =
  | {
      type: "authorize";
      url: string;
      redirectUri: string;
      openingBrowser: boolean;
      acceptsPaste: boolean;
      timeoutMs: number;
    }
  | { type: "browser-failed"; reason: string }
  | { type: "refused"; reason: RefusedReason | "pasted-wrong-state" | "pasted-unrecognised" }
  | { type: "exchanging" };

/** What the flow needs. */
export interface BrowserLoginDeps {
  /** The OAuth base including `/site/oauth2`. */
  oauthUrl: string;
  clientId: string;
  port: number;
  timeoutMs: number;
  tokens: TokenClient;
  /** Opens the URL in a browser; absent when there is none to open. */
  openBrowser?: (url: string) => Promise<void>;
  /** Reads one pasted line; resolves undefined at end of input. Absent without a TTY. */
  readLine?: (signal: AbortSignal) => Promise<string | undefined>;
  /** Registers a Ctrl-C / SIGTERM handler; returns its remover. */
  onSignal: (handler: (signal: "SIGINT" | "SIGTERM") => void) => () => void;
  report: (event: BrowserLoginEvent) => void;
}

const never = <T>() => new Promise<T>(() => undefined);

/** Runs the flow and returns the tokens; every failure is a CliError with its exit code. */
export async function loginInBrowser(deps: BrowserLoginDeps): Promise<TokenSet> {
  const pkce = createPkcePair();
  const state = createState();
  const server = await startCallbackServer({
    port: deps.port,
    expectedState: state,
    onRefused: (reason) => deps.report({ type: "refused", reason }),
  });
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let removeSignal: () => void = () => undefined;
  try {
    const url = generateAuthUrl({
      oauthUrl: deps.oauthUrl,
      clientId: deps.clientId,
      redirectUri: server.redirectUri,
      state,
      pkce,
    });
    deps.report({
      type: "authorize",
      url,
      redirectUri: server.redirectUri,
      openingBrowser: deps.openBrowser !== undefined,
      acceptsPaste: deps.readLine !== undefined,
      timeoutMs: deps.timeoutMs,
    });
    deps
      .openBrowser?.(url)
      .catch((error: unknown) =>
        deps.report({ type: "browser-failed", reason: error instanceof Error ? error.message : String(error) }),
      );

    const pasted = async (): Promise<CallbackResult> => {
      const readLine = deps.readLine;
      if (readLine === undefined) return never();
      for (;;) {
        const line = await readLine(stop.signal);
        if (line === undefined) return never();
        if (line.trim() === "") continue;
        const parsed = parsePastedRedirect(line, state);
        if (parsed.kind !== "invalid") return parsed;
        deps.report({
          type: "refused",
          reason: parsed.reason === "wrong-state" ? "pasted-wrong-state" : "pasted-unrecognised",
        });
      }
    };
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LoginTimedOutError(Math.round(deps.timeoutMs / 1000))), deps.timeoutMs);
    });
    const cancelled = new Promise<never>((_, reject) => {
      removeSignal = deps.onSignal((signal) => reject(new LoginCancelledError(signal)));
    });

    const outcome = await Promise.race([server.result, pasted(), timedOut, cancelled]);
    if (outcome.kind === "error") throw authorizationError(outcome.error, outcome.description);

    deps.report({ type: "exchanging" });
    try {
      const tokens = await Promise.race([
        deps.tokens.exchangeCode({ code: outcome.code, verifier: pkce.verifier, redirectUri: server.redirectUri }),
        cancelled,
      ]);
      server.answer(pages.success);
      return tokens;
    } catch (error) {
      server.answer(
        pages.failed(
          `The final step failed: ${error instanceof Error ? error.message : "unexpected error"} See the terminal.`,
        ),
      );
      throw error;
    }
  } finally {
    stop.abort();
    clearTimeout(timer);
    removeSignal();
    await server.close();
  }
}

function authorizationError(error: string, description: string | undefined): Error {
  const detail = description === undefined ? error : `${error}: ${description.replace(/\s+/g, " ").slice(0, 200)}`;
  if (error === "access_denied")
    return new LoginDeniedError(`Access was denied in the browser (${detail}); nothing was saved.`);
  return new UsageError(`Bitbucket did not authorize the login (${detail}).`, {
    hint: "Check the OAuth consumer: its callback URL must be http://127.0.0.1:<port>/callback for the port in use, and its key must match --client-id.",
  });
}
