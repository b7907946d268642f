/**
 * The Corvana check of `doctor`: Corvana answers through the configured proxy and, when this install is
 * enrolled, knows the collector and accepts its ingest token.
 */
import type { CollectorCredentials } from "../auth/enroll-collector.ts";
import { fixFor } from "../net/network-error.ts";
import { type ProbeResult, probeHttp } from "../net/probe.ts";
import { userAgent } from "../version.ts";
import type { NetworkCheckDeps } from "./doctor-bitbucket-checks.ts";
import { check, type DoctorCheck, routeTo } from "./doctor-check.ts";

/** Corvana reachability and, when enrolled, whether it knows this collector and accepts its token. */
export async function checkCorvana(
  deps: NetworkCheckDeps,
  collector: CollectorCredentials | undefined,
): Promise<{ result: DoctorCheck; probe: ProbeResult }> {
  const base = collector?.corvanaUrl ?? deps.config.corvanaUrl;
  const route = routeTo(deps.proxy, base);
  const probe = await probeHttp({
    // Not enrolled: any answer from the base URL shows that Corvana is reachable through this network.
    url: collector === undefined ? `${base}/` : `${base}/v1/collectors/${encodeURIComponent(collector.collectorId)}`,
    headers: {
      accept: "application/json",
      "user-agent": userAgent,
      ...(collector === undefined ? {} : { authorization: `Bearer ${collector.ingestToken}` }),
    },
    dispatcher: deps.dispatcher,
    ...(deps.now ? { now: deps.now } : {}),
  });
  if (!probe.ok) {
    return {
      result: check(
        "corvana",
        "Corvana",
        "network",
        "fail",
        `${base} (${route}): ${probe.failure.reason}`,
        fixFor(probe.failure, route !== "direct"),
      ),
      probe,
    };
  }
  const reached = `${base} answers (${route}, HTTP ${probe.status}, ${probe.elapsedMs} ms)`;
  if (collector === undefined) {
    return {
      result: check(
        "corvana",
        "Corvana",
        "config",
        "warn",
        `${reached}; this install is not enrolled`,
        "Enroll with `corvana-bb login --enroll-only --enrollment-code <code>` (bundles stay local until then).",
      ),
      probe,
    };
  }
  if (probe.status === 401 || probe.status === 403) {
    return {
      result: check(
        "corvana",
        "Corvana",
        "config",
        "fail",
        `${reached}; it refuses collector ${collector.collectorId}'s ingest token`,
        "The collector was revoked: enroll again with `corvana-bb login --enroll-only --enrollment-code <code>`.",
      ),
      probe,
    };
  }
  if (probe.status === 404) {
    return {
      result: check(
        "corvana",
        "Corvana",
        "config",
        "fail",
        `${reached}; it does not know collector ${collector.collectorId}`,
        "Enroll again with `corvana-bb login --enroll-only --enrollment-code <code>`.",
      ),
      probe,
    };
  }
  if (probe.status >= 500 || probe.status === 429) {
    return {
      result: check(
        "corvana",
        "Corvana",
        "network",
        "warn",
        `${reached}; it is busy or failing right now`,
        "Try again later; sync keeps bundles until Corvana accepts them.",
      ),
      probe,
    };
  }
  return {
    result: check("corvana", "Corvana", "network", "ok", `${reached}; collector ${collector.collectorId} is known`),
    probe,
  };
}
