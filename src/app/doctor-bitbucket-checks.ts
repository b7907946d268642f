/**
 * The Bitbucket checks of `doctor`, through the same dispatcher (and so the same proxy) as `sync`: the API
 * answers, it accepts the saved credentials for the workspace, and the scopes it reports are read-only and
 * enough for the crawl. An expired OAuth access token is renewed on the way, as sync would.
 */
import { createBitbucketAuth } from "../auth/bitbucket-auth.ts";
import type { CredentialStore } from "../auth/credential-store.ts";
import { assessScopes, parseScopes } from "../auth/scopes.ts";
import type { Config } from "../config/load-config.ts";
import { CliError, LoginRequiredError } from "../errors.ts";
import type { Dispatcher } from "../net/http-dispatcher.ts";
import { fixFor } from "../net/network-error.ts";
import { type ProbeResult, probeHttp } from "../net/probe.ts";
import type { ProxySettings } from "../net/proxy-settings.ts";
import { userAgent } from "../version.ts";
import { check, type DoctorCheck, routeTo } from "./doctor-check.ts";

/** What the network checks share. */
export interface NetworkCheckDeps {
  config: Config;
  dispatcher: Dispatcher;
  proxy: ProxySettings;
  store: CredentialStore | undefined;
  /** True when there are credentials to try (saved or CORVANA_BB_TOKEN). */
  hasCredentials: boolean;
  storedScopes: string[];
  now?: () => number;
}

/** Bitbucket reachability, the login and its scopes; returns the probe for the clock check. */
export async function checkBitbucket(
  deps: NetworkCheckDeps,
): Promise<{ results: DoctorCheck[]; probe: ProbeResult | undefined }> {
  const { config } = deps;
  const route = routeTo(deps.proxy, config.bitbucketApiUrl);
  let authorization: string | undefined;
  if (deps.hasCredentials && deps.store !== undefined) {
    try {
      // May renew an expired OAuth token (through the same proxy), exactly as sync would.
      const auth = await createBitbucketAuth({
        config,
        store: deps.store,
        dispatcher: deps.dispatcher,
        ...(deps.now ? { now: deps.now } : {}),
      });
      authorization = await auth.getAuthorizationHeader();
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      const area = error instanceof LoginRequiredError ? "login" : "network";
      return {
        results: [
          check("bitbucket", "Bitbucket", area, "fail", `could not get an access token: ${error.message}`, error.hint),
        ],
        probe: undefined,
      };
    }
  }
  const path =
    authorization !== undefined && config.workspace !== undefined
      ? `/workspaces/${encodeURIComponent(config.workspace)}?fields=slug`
      : "/user?fields=type";
  const probe = await probeHttp({
    url: `${config.bitbucketApiUrl}${path}`,
    headers: { accept: "application/json", "user-agent": userAgent, ...(authorization ? { authorization } : {}) },
    dispatcher: deps.dispatcher,
    ...(deps.now ? { now: deps.now } : {}),
  });
  if (!probe.ok) {
    return {
      results: [
        check(
          "bitbucket",
          "Bitbucket",
          "network",
          "fail",
          `${config.bitbucketApiUrl} (${route}): ${probe.failure.reason}`,
          fixFor(probe.failure, route !== "direct"),
        ),
      ],
      probe,
    };
  }
  const results = [
    check(
      "bitbucket",
      "Bitbucket",
      "network",
      "ok",
      `${config.bitbucketApiUrl} answers (${route}, HTTP ${probe.status}, ${probe.elapsedMs} ms)`,
    ),
  ];
  if (authorization === undefined) return { results, probe };
  if (probe.status === 401) {
    results.push(
      check(
        "bitbucket-login",
        "Bitbucket access",
        "login",
        "fail",
        "Bitbucket rejects the credentials (HTTP 401)",
        "Run `corvana-bb login` again (the grant may have been revoked, or unused for 3 months).",
      ),
    );
    return { results, probe };
  }
  if (probe.status !== 200) {
    results.push(
      check(
        "bitbucket-login",
        "Bitbucket access",
        "login",
        "fail",
        `workspace "${config.workspace}" answered HTTP ${probe.status}`,
        "Check the workspace slug and that the account or token can read it.",
      ),
    );
    return { results, probe };
  }
  results.push(
    check(
      "bitbucket-login",
      "Bitbucket access",
      "login",
      "ok",
      `workspace "${config.workspace}" is readable with these credentials`,
    ),
  );
  results.push(checkScopes(parseScopes(probe.headers["x-oauth-scopes"], ...deps.storedScopes)));
  return { results, probe };
}

/** Read-only is recommended; without pull requests or pipelines the crawl cannot do its job. */
export function checkScopes(scopes: string[]): DoctorCheck {
  const title = "Scopes";
  if (scopes.length === 0) {
    return check(
      "scopes",
      title,
      "login",
      "warn",
      "Bitbucket did not report the granted scopes",
      "Make sure the consumer or token has Account, Repositories, Pull requests and Pipelines: Read.",
    );
  }
  const report = assessScopes(scopes);
  const essential = report.missing.filter((scope) => scope === "pullrequest" || scope === "pipeline");
  if (essential.length > 0) {
    return check(
      "scopes",
      title,
      "login",
      "fail",
      `missing ${essential.join(", ")} (granted: ${scopes.join(", ")})`,
      "Give the consumer or token Pull requests: Read and Pipelines: Read, then run `corvana-bb login` again.",
    );
  }
  if (report.missing.length > 0 || report.beyondRead.length > 0) {
    const parts = [
      ...(report.missing.length > 0 ? [`missing ${report.missing.join(", ")}`] : []),
      ...(report.beyondRead.length > 0 ? [`more than read access: ${report.beyondRead.join(", ")}`] : []),
    ];
    return check(
      "scopes",
      title,
      "login",
      "warn",
      parts.join("; "),
      "A read-only consumer is recommended: Account, Repositories, Pull requests, Pipelines: Read (docs/login.md).",
    );
  }
  return check("scopes", title, "login", "ok", `read-only: ${scopes.join(", ")}`);
}
