/**
 * `GET /v1/collectors/{id}` (Corvana's view of a collector) and `DELETE /v1/collectors/{id}[?purge=true]`
 * (revoke; with purge, delete everything it sent and promise completion within 24 h) of the Corvana sandbox.
 * Both need the collector's ingest token as Bearer.
 */
import { randomUUID } from "node:crypto";
import type http from "node:http";
import { sendJson } from "../oauth/loopback-server.ts";
import type { CorvanaState, SandboxCollector } from "./sandbox-state.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

function authorised(
  state: CorvanaState,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  id: string,
): SandboxCollector | undefined {
  const collector = state.collectors.get(id);
  if (collector === undefined) {
    sendJson(response, 404, { error: "collector_not_found" });
    return undefined;
  }
  if (request.headers.authorization !== `Bearer ${collector.ingestToken}`) {
    sendJson(response, 401, { error: "invalid_token" });
    return undefined;
  }
  return collector;
}

/** GET: status, time of the last accepted bundle, and how many bundles and records Corvana holds. */
export function handleGetCollector(
  state: CorvanaState,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  id: string,
): void {
  const collector = authorised(state, request, response, id);
  if (collector === undefined) return;
  const bundles = [...state.bundles.values()].filter((b) => b.collectorId === id);
  sendJson(response, 200, {
    collector_id: id,
    status: collector.status,
    last_bundle_at: collector.lastBundleAt,
    bundles: bundles.length,
    records: bundles.reduce((n, b) => n + b.records, 0),
  });
}

/** DELETE: revoke (200), or with purge=true revoke, delete the data and answer 202 with a receipt. */
export function handleDeleteCollector(
  state: CorvanaState,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  id: string,
): void {
  const collector = authorised(state, request, response, id);
  if (collector === undefined) return;
  const purge = new URL(request.url ?? "/", "http://127.0.0.1").searchParams.get("purge") === "true";
  if (!purge) {
    if (collector.status === "active") collector.status = "revoked";
    sendJson(response, 200, { collector_id: id, status: collector.status });
    return;
  }
  let deletion = state.deletions.find((d) => d.collectorId === id);
  if (deletion === undefined) {
    const requestedAt = state.now();
    deletion = {
      deletionId: `del_${randomUUID()}`,
      collectorId: id,
      requestedAt: new Date(requestedAt).toISOString(),
      completeBy: new Date(requestedAt + DAY_MS).toISOString(),
    };
    state.deletions.push(deletion);
  }
  collector.status = "purged";
  for (const [bundleId, bundle] of state.bundles) if (bundle.collectorId === id) state.bundles.delete(bundleId);
  state.records = state.records.filter((r) => r.collectorId !== id);
  sendJson(response, 202, { deletion_id: deletion.deletionId, complete_by: deletion.completeBy });
}
