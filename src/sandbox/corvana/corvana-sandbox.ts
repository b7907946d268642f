/**
 * A loopback Corvana ingest API for tests and `demo` (DESIGN §6). Today: `POST /v1/collectors`
 * (enrollment). Routes are a table so `POST /v1/bundles`, `GET /v1/collectors/{id}` and
 * `DELETE /v1/collectors/{id}` are added as rows beside it.
 */
import { createPublicKey, randomBytes, randomUUID } from "node:crypto";
import type http from "node:http";
import { z } from "zod";
import { type LoopbackServer, readBody, sendJson, startLoopbackServer } from "../oauth/loopback-server.ts";

/** An enrolled collector as Corvana keeps it. */
export interface SandboxCollector {
  id: string;
  ingestToken: string;
  publicKeyPem: string;
  collectorVersion: string;
  source: string;
  enrollmentCode: string;
  enrolledAt: string;
}

/** Knobs of the sandbox. */
export interface CorvanaSandboxOptions {
  /** Codes that enroll (401 for any other). */
  enrollmentCodes: string[];
  /** Codes the dashboard has revoked (403). */
  revokedCodes?: string[];
  now?: () => number;
}

/** The Corvana sandbox, without a server of its own. */
export interface CorvanaSandbox {
  handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<boolean>;
  /** Enrolled collectors by id. */
  readonly collectors: ReadonlyMap<string, SandboxCollector>;
}

type Route = {
  method: string;
  path: RegExp;
  handle: (request: http.IncomingMessage, response: http.ServerResponse, match: RegExpMatchArray) => Promise<void>;
};

const enrollmentSchema = z.object({
  enrollment_code: z.string().min(1),
  public_key: z.string().min(1),
  collector_version: z.string().min(1),
  source: z.literal("bitbucket-cloud"),
});

/** Creates the sandbox. */
export function createCorvanaSandbox(options: CorvanaSandboxOptions): CorvanaSandbox {
  const now = options.now ?? Date.now;
  const collectors = new Map<string, SandboxCollector>();

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
      enrolledAt: new Date(now()).toISOString(),
    };
    collectors.set(collector.id, collector);
    sendJson(response, 201, { collector_id: collector.id, ingest_token: collector.ingestToken });
  }

  const routes: Route[] = [{ method: "POST", path: /^\/v1\/collectors$/, handle: enroll }];

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
    collectors,
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
  return { ...sandbox, url: server.origin, server, close: () => server.close() };
}
