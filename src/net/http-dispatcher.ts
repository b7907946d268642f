/**
 * The one HTTP dispatcher factory: every client (Bitbucket API, OAuth, Corvana) gets its dispatcher from
 * here, so a corporate proxy set with `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` applies to all of them alike
 * (DESIGN §7). It is undici's EnvHttpProxyAgent, given the variables of the command's environment
 * explicitly so it never reads `process.env` behind the caller's back. Extra CA certificates need no code:
 * Node reads `NODE_EXTRA_CA_CERTS` at start-up and undici's TLS uses it (docs/network.md).
 */
import { type Dispatcher, EnvHttpProxyAgent } from "undici";
import { type ProxySettings, readProxySettings } from "./proxy-settings.ts";

/** undici's dispatcher type, re-exported so layers without undici (src/app) can pass one along. */
export type { Dispatcher } from "undici";

/** A dispatcher for one command, and how to release its sockets. */
export interface HttpDispatcher {
  readonly dispatcher: Dispatcher;
  /** The proxy variables it was built from (for `doctor` and `status`). */
  readonly proxy: ProxySettings;
  /** Closes the keep-alive sockets; call it when the command is done. */
  close(): Promise<void>;
}

/** Socket timeouts in milliseconds. */
export interface HttpDispatcherOptions {
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

/** Creates the dispatcher for the proxy settings of `env`. */
export function createHttpDispatcher(env: NodeJS.ProcessEnv, options: HttpDispatcherOptions = {}): HttpDispatcher {
  const proxy = readProxySettings(env);
  const dispatcher = new EnvHttpProxyAgent({
    // An empty string means "none" to EnvHttpProxyAgent; undefined would make it read process.env.
    httpProxy: proxy.httpProxy ?? "",
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? "",
    noProxy: proxy.noProxy ?? "",
    connectTimeout: options.connectTimeoutMs ?? 10_000,
    headersTimeout: options.headersTimeoutMs ?? 30_000,
    bodyTimeout: options.bodyTimeoutMs ?? 60_000,
  });
  let closed = false;
  return {
    dispatcher,
    proxy,
    async close() {
      if (closed) return;
      closed = true;
      await dispatcher.close();
    },
  };
}
