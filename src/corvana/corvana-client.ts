/**
 * The HTTP client for Corvana Assess's ingest API (DESIGN §6; contract in docs/login.md › Enrollment).
 * JSON over HTTPS through undici. Enrollment lives here now; bundle upload and the collector status and
 * deletion calls are added beside it.
 */
import type { Dispatcher } from "undici";
import { z } from "zod";
import { BadDataError, UsageError } from "../errors.ts";
import { sendJson } from "./send-json.ts";

export { CorvanaUnavailableError } from "./send-json.ts";

/** What the client needs. */
export interface CorvanaClientOptions {
  /** Corvana's base URL; calls append `/v1/...`. */
  baseUrl: string;
  userAgentVersion: string;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

/** `POST /v1/collectors` request. */
export interface EnrollCollectorRequest {
  enrollmentCode: string;
  /** The Ed25519 public key as SPKI PEM. */
  publicKeyPem: string;
  collectorVersion: string;
  source: "bitbucket-cloud";
}

/** `POST /v1/collectors` answer. */
export interface CollectorEnrollment {
  collectorId: string;
  ingestToken: string;
}

/** The calls corvana-bb makes to Corvana. */
export interface CorvanaClient {
  enrollCollector(enrollment: EnrollCollectorRequest): Promise<CollectorEnrollment>;
}

const enrollmentSchema = z.object({ collector_id: z.string().min(1), ingest_token: z.string().min(1) });
const errorSchema = z.object({ error: z.string(), message: z.string().optional() });

/** Creates the Corvana client. */
export function createCorvanaClient(options: CorvanaClientOptions): CorvanaClient {
  return {
    async enrollCollector(enrollment) {
      const response = await sendJson(options, "POST", "/v1/collectors", {
        enrollment_code: enrollment.enrollmentCode,
        public_key: enrollment.publicKeyPem,
        collector_version: enrollment.collectorVersion,
        source: enrollment.source,
      });
      if (response.status === 200 || response.status === 201) {
        const parsed = enrollmentSchema.safeParse(response.json);
        if (!parsed.success) throw new BadDataError("Corvana accepted the enrollment but its answer is unusable.");
        return { collectorId: parsed.data.collector_id, ingestToken: parsed.data.ingest_token };
      }
      const said = errorSchema.safeParse(response.json).data?.error ?? `HTTP ${response.status}`;
      if (response.status === 401 || response.status === 403) {
        throw new UsageError(`Corvana refused the enrollment code (${said}).`, {
          hint: "Copy a current code from the Corvana dashboard and run `corvana-bb login --enroll-only --enrollment-code <code>`.",
        });
      }
      throw new UsageError(`Corvana refused the enrollment (HTTP ${response.status}: ${said}).`);
    },
  };
}
