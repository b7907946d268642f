/**
 * A loopback Corvana ingest API for tests and `demo` (DESIGN §6, docs/ingest-api.md): enrollment
 * (`POST /v1/collectors`), bundle upload (`POST /v1/bundles`, verifying signatures with the enrolled key,
 * digests and record schemas from its own copy of the allowlist), and the collector's status and deletion
 * (`GET` / `DELETE /v1/collectors/{id}`). It imports no product code: it agrees with the collector only
 * through the documented wire format. Fault knobs: 503s, 429s, held requests, a size limit.
 */
import { createPublicKey, randomBytes, randomUUID } from "node:crypto";
import type http from "node:http";
import { z } from "zod";
import { type LoopbackServer, readBody, sendJson, startLoopbackServer } from "../oauth/loopback-server.ts";
import { handleBundleUpload } from "./bundle-route.ts";
import { handleDeleteCollector, handleGetCollector } from "./collector-routes.ts";
import type {
  CorvanaFaults,
  CorvanaState,
  SandboxCollector,
  SandboxDeletion,
  StoredBundle,
  StoredRecord,
  UploadAttempt,
} from "./sandbox-state.ts";

export type { CorvanaFaults, SandboxCollector, SandboxDeletion, StoredBundle, StoredRecord, UploadAttempt };

/** The canary marker of the Bitbucket sandbox's free text (src/sandbox/canary.ts); repeated, not imported. */
const CANARY = "CNRY";

/** Knobs of the sandbox. */
export interface CorvanaSandboxOptions {
  /** Codes that enroll (401 for any other). */
  enrollmentCodes: string[];
  /** Codes the dashboard has revoked (403). */
  revokedCodes?: string[];
  now?: () => number;
  /** Strings a bundle must never carry besides the canary marker, e.g. the workspace's raw account uuids. */
  forbiddenValues?: string[];
  /** Initial fault settings (changeable later through `faults`). */
  faults?: Partial<CorvanaFaults>;
}

/** The Corvana sandbox, without a server of its own. */
export interface CorvanaSandbox {
  handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean>;
  /** Enrolled collectors by id. */
  readonly collectors: ReadonlyMap<string, SandboxCollector>;
  /** Accepted bundles by id. */
  readonly bundles: ReadonlyMap<string, StoredBundle>;
  /** Every accepted record, in arrival order. */
  records(): readonly StoredRecord[];
  readonly deletions: readonly SandboxDeletion[];
  /** Every upload and its answer, in order. */
  readonly uploads: readonly UploadAttempt[];
  readonly faults: CorvanaFaults;
  /** Resolves once an upload is being held by `faults.hold`. */
  waitForHeld(): Promise<void>;
  /** Lets every held upload continue. */
  releaseHeld(): void;
}

type Route = {
  method: string;
  path: RegExp;
  handle: (
    request: http.IncomingMessage,
    response: http.ServerResponse,
    match: RegExpMatchArray,
  ) => Promise<void> | void;
};

const enrollmentSchema = z.object({
  enrollment_code: z.string().min(1),
  public_key: z.string().min(1),
  collector_version: z.string().min(1),
  source: z.literal("bitbucket-cloud"),
});

/** Creates the sandbox. */
export function createCorvanaSandbox(options: CorvanaSandboxOptions): CorvanaSandbox {
  const state: CorvanaState = {
    collectors: new Map(),
    bundles: new Map(),
    records: [],
    deletions: [],
    uploads: [],
    faults: {
      unavailable: 0,
      throttled: 0,
      retryAfterSeconds: undefined,
      hold: { count: 0, phase: "after-store" },
      maxBundleBytes: 64 * 1024 * 1024,
      ...options.faults,
    },
    forbidden: [CANARY, ...(options.forbiddenValues ?? [])],
    now: options.now ?? Date.now,
    held: [],
    heldWaiters: [],
  };

  async function enroll(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(await readBody(request, 64 * 1024));
    } catch {
      return sendJson(response, 400, { error: "invalid_json" });
    }
    const parsed = enrollmentSchema.safeParse(json);
    if (!parsed.success) return sendJson(response, 422, { error: "invalid_request", message: parsed.error.message });
    const body = parsed.data;
    if (options.revokedCodes?.includes(body.enrollment_code))
      return sendJson(response, 403, { error: "enrollment_code_revoked" });
    if (!options.enrollmentCodes.includes(body.enrollment_code))
      return sendJson(response, 401, { error: "invalid_enrollment_code" });
    if (!isEd25519PublicKey(body.public_key)) return sendJson(response, 422, { error: "invalid_public_key" });
    const collector: SandboxCollector = {
      id: `col_${randomUUID()}`,
      ingestToken: randomBytes(24).toString("base64url"),
      publicKeyPem: body.public_key,
      collectorVersion: body.collector_version,
      source: body.source,
      enrollmentCode: body.enrollment_code,
      enrolledAt: new Date(state.now()).toISOString(),
      status: "active",
      lastBundleAt: null,
    };
    state.collectors.set(collector.id, collector);
    sendJson(response, 201, { collector_id: collector.id, ingest_token: collector.ingestToken });
  }

  const id = (match: RegExpMatchArray) => decodeURIComponent(match[1] ?? "");
  const routes: Route[] = [
    { method: "POST", path: /^\/v1\/collectors$/, handle: enroll },
    { method: "POST", path: /^\/v1\/bundles$/, handle: (rq, rs) => handleBundleUpload(state, rq, rs) },
    {
      method: "GET",
      path: /^\/v1\/collectors\/([^/]+)$/,
      handle: (rq, rs, m) => handleGetCollector(state, rq, rs, id(m)),
    },
    {
      method: "DELETE",
      path: /^\/v1\/collectors\/([^/]+)$/,
      handle: (rq, rs, m) => handleDeleteCollector(state, rq, rs, id(m)),
    },
  ];

  return {
    async handle(request, response) {
      const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      for (const route of routes) {
        const match = route.method === request.method ? path.match(route.path) : null;
        if (match) {
          await route.handle(request, response, match);
          return true;
        }
      }
      return false;
    },
    collectors: state.collectors,
    bundles: state.bundles,
    records: () => state.records,
    deletions: state.deletions,
    uploads: state.uploads,
    faults: state.faults,
    waitForHeld: () =>
      state.held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => state.heldWaiters.push(resolve)),
    releaseHeld() {
      for (const release of state.held.splice(0)) release();
    },
  };
}

function isEd25519PublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === "ed25519";
  } catch {
    return false;
  }
}

/** A running standalone Corvana sandbox. */
export interface RunningCorvanaSandbox extends CorvanaSandbox {
  /** The base URL to use as CORVANA_BB_CORVANA_URL. */
  readonly url: string;
  readonly server: LoopbackServer;
  close(): Promise<void>;
}

/** Starts the Corvana sandbox on 127.0.0.1 (any free port). */
export async function startCorvanaSandbox(options: CorvanaSandboxOptions): Promise<RunningCorvanaSandbox> {
  const sandbox = createCorvanaSandbox(options);
  const server = await startLoopbackServer((request, response) => sandbox.handle(request, response));
  return {
    ...sandbox,
    url: server.origin,
    server,
    close: async () => {
      sandbox.releaseHeld();
      await server.close();
    },
  };
}
