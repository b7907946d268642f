/**
 * The one-shot loopback server that receives Bitbucket's redirect. It listens on 127.0.0.1 only, on the
 * fixed port the consumer's callback URL names (Bitbucket prefix-matches that URL, so an ephemeral port
 * would be rejected: api-notes §1), accepts exactly one callback carrying our `state`, and refuses
 * wrong-state and repeated callbacks with a page saying why. The browser's request for the callback is
 * held open until the code exchange finishes, so the page it shows tells the truth.
 */
import http from "node:http";
import { UsageError } from "../errors.ts";
import { type CallbackPage, pageHeaders, pages, renderCallbackPage } from "./callback-page.ts";
import { callbackUrl } from "./generate-auth-url.ts";
import { isSameState } from "./state.ts";

/** What the authorization server sent back: a code, or an error such as `access_denied`. */
export type CallbackResult = { kind: "code"; code: string } | { kind: "error"; error: string; description?: string };

/** Why a callback was refused. */
export type RefusedReason = "wrong-state" | "replayed";

/** Settings of the server. */
export interface CallbackServerOptions {
  port: number;
  expectedState: string;
  /** Told about every refused callback, so the terminal can say what happened. */
  onRefused?: (reason: RefusedReason) => void;
}

/** A running callback server. */
export interface CallbackServer {
  readonly redirectUri: string;
  /** Resolves with the first callback that carries our state; never rejects. */
  readonly result: Promise<CallbackResult>;
  /** Answers the held browser request of a `code` callback (once; later calls are ignored). */
  answer(page: CallbackPage): void;
  /** Stops listening, answers a still-held request with "ended" and drops open connections. */
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1:`port`; a busy port is a UsageError naming the setting that changes it. */
export async function startCallbackServer(options: CallbackServerOptions): Promise<CallbackServer> {
  let settled = false;
  let held: http.ServerResponse | undefined;
  let deliver: (result: CallbackResult) => void = () => undefined;
  const result = new Promise<CallbackResult>((resolve) => {
    deliver = resolve;
  });

  const send = (response: http.ServerResponse, status: number, page: CallbackPage) => {
    if (response.headersSent) return;
    response.writeHead(status, { ...pageHeaders, connection: "close" });
    response.end(renderCallbackPage(page));
  };

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/callback") {
      response.writeHead(404, { "content-type": "text/plain", connection: "close" }).end("Not found\n");
      return;
    }
    if (request.method !== "GET") {
      response.writeHead(405, { allow: "GET", connection: "close" }).end();
      return;
    }
    if (settled) {
      options.onRefused?.("replayed");
      send(response, 409, pages.replayed);
      return;
    }
    const error = url.searchParams.get("error");
    const state = url.searchParams.get("state");
    // An error without a state can only end this login, never slip credentials into it, and a server
    // that leaves `state` off its error redirects would otherwise leave the user waiting for nothing.
    const stateless = error !== null && state === null;
    if (!stateless && !isSameState(options.expectedState, state)) {
      options.onRefused?.("wrong-state");
      send(response, 400, pages.wrongState);
      return;
    }
    settled = true;
    const code = url.searchParams.get("code");
    if (error !== null || code === null || code === "") {
      const description = url.searchParams.get("error_description") ?? undefined;
      send(response, 400, error === "access_denied" ? pages.denied : pages.failed(describeError(error, description)));
      deliver({ kind: "error", error: error ?? "missing_code", ...(description === undefined ? {} : { description }) });
      return;
    }
    held = response;
    deliver({ kind: "code", code });
  });
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => reject(listenError(error, options.port)));
    server.listen({ host: "127.0.0.1", port: options.port, exclusive: true }, () => resolve());
  });

  return {
    redirectUri: callbackUrl(options.port),
    result,
    answer(page) {
      if (held !== undefined) send(held, page.ok ? 200 : 400, page);
      held = undefined;
    },
    async close() {
      if (held !== undefined) send(held, 400, pages.ended);
      held = undefined;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function describeError(error: string | null, description: string | undefined): string {
  const what = description ?? error ?? "no authorization code";
  return `Bitbucket did not authorize corvana-bb (${what.slice(0, 200)}). Go back to the terminal.`;
}

function listenError(error: NodeJS.ErrnoException, port: number): Error {
  if (error.code === "EADDRINUSE" || error.code === "EACCES") {
    const why = error.code === "EADDRINUSE" ? "is already in use" : "cannot be used by this user";
    return new UsageError(`Port ${port} on 127.0.0.1 ${why}, so the login callback cannot be received.`, {
      hint:
        "Stop the program using it, or choose another port with --port <n> (or CORVANA_BB_CALLBACK_PORT); " +
        "the OAuth consumer's callback URL must then be http://127.0.0.1:<n>/callback.",
    });
  }
  return error;
}
