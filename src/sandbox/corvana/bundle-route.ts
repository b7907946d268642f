/** `POST /v1/bundles` of the Corvana sandbox, as docs/ingest-api.md specifies it. */
import type http from "node:http";
import { sendJson } from "../oauth/loopback-server.ts";
import { checkBundle } from "./check-bundle.ts";
import { parseBundle, sha256Hex } from "./parse-bundle.ts";
import type { CorvanaState, SandboxCollector } from "./sandbox-state.ts";

/** Handles one upload. */
export async function handleBundleUpload(
  state: CorvanaState,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const key = header(request, "idempotency-key");
  const withToken = header(request, "authorization") !== undefined;
  const answer = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    state.uploads.push({
      bundleId: key,
      status,
      withToken,
      ...(typeof body.error === "string" ? { error: body.error } : {}),
    });
    if (!response.writableEnded && !response.destroyed) {
      for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
      sendJson(response, status, body);
    }
  };
  const { faults } = state;
  const retryAfter: Record<string, string> =
    faults.retryAfterSeconds === undefined ? {} : { "retry-after": String(faults.retryAfterSeconds) };

  // Read (or drain) the whole body first: an HTTP/1.1 client must finish sending before it reads the answer.
  const body = await readLimited(request, faults.maxBundleBytes);
  if (faults.unavailable > 0) {
    faults.unavailable -= 1;
    return answer(503, { error: "unavailable", message: "try again later" }, retryAfter);
  }
  if (faults.throttled > 0) {
    faults.throttled -= 1;
    return answer(429, { error: "rate_limited", message: "slow down" }, retryAfter);
  }
  if (body === undefined) {
    return answer(413, {
      error: "bundle_too_large",
      message: "export smaller bundles",
      max_bytes: faults.maxBundleBytes,
    });
  }
  if (key === undefined || key === "")
    return answer(400, { error: "missing_idempotency_key", message: "send the bundle id" });

  const parsed = parseBundle(body);
  if (!parsed.ok) return answer(422, { error: "invalid_bundle", message: parsed.reason });
  const { manifest } = parsed;
  if (manifest.bundle_id !== key) {
    return answer(422, {
      error: "idempotency_key_mismatch",
      message: "Idempotency-Key must be the manifest's bundle_id",
    });
  }
  const digest = sha256Hex(body);
  const previous = state.bundles.get(key);
  if (previous !== undefined) {
    return previous.sha256 === digest
      ? answer(200, { bundle_id: key, status: "already_accepted", received_at: previous.receivedAt })
      : answer(409, { error: "bundle_id_conflict", message: "a different bundle was stored under this id" });
  }

  const collector = findCollector(state, manifest);
  if (collector === undefined)
    return answer(422, { error: "unknown_collector", message: "no enrolled collector signed this" });
  if (collector.status !== "active") return answer(403, { error: "collector_revoked", message: "enroll again" });
  const token = header(request, "authorization");
  if (token !== undefined && token !== `Bearer ${collector.ingestToken}`) {
    return answer(401, { error: "invalid_token", message: "the ingest token is not this collector's" });
  }
  const checked = checkBundle(parsed, collector.publicKeyPem, state.forbidden);
  if ("error" in checked) return answer(422, { error: checked.error, message: checked.message });

  if (faults.hold.count > 0 && faults.hold.phase === "before-store") {
    faults.hold.count -= 1;
    await hold(state);
    // A client that went away while held never learns the answer: like a real server, store nothing then.
    if (request.socket.destroyed) {
      state.uploads.push({ bundleId: key, status: 0, error: "client_gone", withToken });
      return;
    }
  }
  const receivedAt = new Date(state.now()).toISOString();
  if (state.bundles.has(key))
    return answer(200, { bundle_id: key, status: "already_accepted", received_at: receivedAt });
  state.bundles.set(key, {
    id: key,
    collectorId: collector.id,
    sha256: digest,
    body,
    counts: checked.counts,
    records: checked.records.length,
    receivedAt,
  });
  for (const record of checked.records) state.records.push({ collectorId: collector.id, bundleId: key, record });
  collector.lastBundleAt = receivedAt;
  if (faults.hold.count > 0 && faults.hold.phase === "after-store") {
    faults.hold.count -= 1;
    await hold(state);
  }
  answer(201, { bundle_id: key, status: "accepted", records: checked.records.length, received_at: receivedAt });
}

function findCollector(state: CorvanaState, manifest: Record<string, unknown>): SandboxCollector | undefined {
  const collector = manifest.collector as { id?: unknown } | undefined;
  if (typeof collector?.id === "string") return state.collectors.get(collector.id);
  // A bundle made before enrollment names no collector: its signer's key identifies it.
  const signer = manifest.signer as { public_key?: unknown } | undefined;
  return [...state.collectors.values()].find((c) => c.publicKeyPem.trim() === String(signer?.public_key ?? "").trim());
}

function hold(state: CorvanaState): Promise<void> {
  return new Promise((resolve) => {
    state.held.push(resolve);
    for (const waiter of state.heldWaiters.splice(0)) waiter();
  });
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The body, or undefined when it is larger than `limit` (the rest is drained, not kept). */
async function readLimited(request: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? undefined : Buffer.concat(chunks);
}
