/**
 * `POST /v1/bundles` (docs/ingest-api.md): sends one bundle file, with its id as the Idempotency-Key, and the
 * ingest token when this machine has one (from another machine the signature alone proves origin). Network
 * errors, 429 and 5xx are retried with exponential backoff and jitter (honouring Retry-After); the other
 * answers end the upload: 201/200 accepted, 413 too large (the caller may split), 409/422 refused, 401/403
 * "enroll again". A retry re-sends the same file under the same id, so Corvana stores it at most once.
 */
import fs from "node:fs";
import { type Dispatcher, request } from "undici";
import { z } from "zod";
import { BadDataError, CliError, ExitCode } from "../errors.ts";
import { userAgentFor } from "../version.ts";
import { CorvanaUnavailableError } from "./corvana-client.ts";

/** Backoff of the retried answers. */
export interface UploadRetryPolicy {
  maxAttempts: number;
  baseMs: number;
  capMs: number;
}

/** What the uploader needs. */
export interface BundleUploaderOptions {
  /** Corvana's base URL; the call appends `/v1/bundles`. */
  baseUrl: string;
  /** Sent as Bearer when present; never printed. */
  ingestToken?: string;
  userAgentVersion: string;
  dispatcher?: Dispatcher;
  /** How long to wait for Corvana's answer once the body is sent. */
  timeoutMs?: number;
  retry?: Partial<UploadRetryPolicy>;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told before each retry (for a log line). */
  onRetry?: (event: { attempt: number; delayMs: number; reason: string }) => void;
}

/** One bundle to send. */
export interface UploadRequest {
  file: string;
  bundleId: string;
}

/** How an upload ended when it did not throw. */
export type UploadOutcome =
  | { status: "accepted"; httpStatus: 201; attempts: number }
  | { status: "already-accepted"; httpStatus: 200; attempts: number }
  | { status: "too-large"; httpStatus: 413; maxBytes: number | undefined; attempts: number };

/** Corvana has a different bundle under this id (409). */
export class BundleConflictError extends BadDataError {
  readonly bundleId: string;
  readonly detail: string;
  constructor(bundleId: string, detail: string, keptAt: string) {
    super(`Corvana already holds a different bundle with id ${bundleId} (409: ${detail}); this one was not stored.`, {
      hint: `The bundle is kept at ${keptAt}. Check it with \`corvana-bb bundle verify FILE\`; \`corvana-bb bundle export\` makes a new one of the same records.`,
    });
    this.name = "BundleConflictError";
    this.bundleId = bundleId;
    this.detail = detail;
  }
}

/** Corvana refused the bundle's signature, digest or records (422). */
export class BundleRejectedError extends BadDataError {
  readonly bundleId: string;
  readonly reason: string;
  readonly detail: string | undefined;
  constructor(bundleId: string, reason: string, detail: string | undefined, keptAt: string) {
    super(`Corvana rejected bundle ${bundleId} (422 ${reason}${detail ? `: ${detail}` : ""}).`, {
      hint: `The bundle is kept at ${keptAt}; \`corvana-bb bundle verify FILE\` and \`corvana-bb bundle inspect FILE\` show what is wrong with it.`,
    });
    this.name = "BundleRejectedError";
    this.bundleId = bundleId;
    this.reason = reason;
    this.detail = detail;
  }
}

/** Corvana does not accept this collector any more (401/403): enroll again. */
export class CollectorNotAuthorizedError extends CliError {
  constructor(status: number, detail: string) {
    super(`Corvana refused this collector (HTTP ${status}: ${detail}).`, ExitCode.loginRequired, {
      hint: "Enroll again with a code from the Corvana dashboard: `corvana-bb login --enroll-only --enrollment-code <code>`. The bundle is kept.",
    });
    this.name = "CollectorNotAuthorizedError";
  }
}

/** Uploads bundles. */
export interface BundleUploader {
  upload(bundle: UploadRequest): Promise<UploadOutcome>;
}

const errorBody = z.object({ error: z.string(), message: z.string().optional(), max_bytes: z.number().optional() });
const defaults: UploadRetryPolicy = { maxAttempts: 6, baseMs: 1_000, capMs: 30_000 };
const MAX_RETRY_AFTER_MS = 60_000;

/** Creates the uploader. */
export function createBundleUploader(options: BundleUploaderOptions): BundleUploader {
  const policy = { ...defaults, ...options.retry };
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const url = `${options.baseUrl}/v1/bundles`;

  async function attempt(bundle: UploadRequest): Promise<{ status: number; text: string; retryAfter?: string }> {
    const { size } = await fs.promises.stat(bundle.file);
    const response = await request(url, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": "application/x-tar",
        "content-length": String(size),
        "idempotency-key": bundle.bundleId,
        "user-agent": userAgentFor(options.userAgentVersion),
        ...(options.ingestToken === undefined ? {} : { authorization: `Bearer ${options.ingestToken}` }),
      },
      body: fs.createReadStream(bundle.file),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(options.dispatcher === undefined ? {} : { dispatcher: options.dispatcher }),
    });
    const text = await response.body.text();
    const retryAfter = response.headers["retry-after"];
    return { status: response.statusCode, text, ...(typeof retryAfter === "string" ? { retryAfter } : {}) };
  }

  return {
    async upload(bundle) {
      for (let n = 1; ; n++) {
        let answer: Awaited<ReturnType<typeof attempt>> | undefined;
        let reason: string;
        try {
          answer = await attempt(bundle);
          reason = `HTTP ${answer.status}`;
        } catch (error) {
          const code = (error as { code?: unknown }).code;
          reason = typeof code === "string" ? code : "network error";
          if (n >= policy.maxAttempts) {
            throw new CorvanaUnavailableError(
              `Cannot reach Corvana at ${new URL(url).origin} to upload bundle ${bundle.bundleId} (${reason}).`,
              { cause: error },
            );
          }
        }
        if (answer !== undefined && answer.status !== 429 && answer.status < 500) return settle(bundle, answer, n);
        if (n >= policy.maxAttempts) {
          throw new CorvanaUnavailableError(
            `Corvana answered ${reason} to the upload of bundle ${bundle.bundleId}, ${n} times; it stays pending.`,
          );
        }
        const backoff = Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1)) * (0.5 + random() / 2);
        const delayMs = Math.max(backoff, retryAfterMs(answer?.retryAfter) ?? 0);
        options.onRetry?.({ attempt: n, delayMs, reason });
        await sleep(delayMs);
      }
    },
  };
}

function settle(bundle: UploadRequest, answer: { status: number; text: string }, attempts: number): UploadOutcome {
  let body: z.infer<typeof errorBody> | undefined;
  try {
    body = errorBody.safeParse(JSON.parse(answer.text)).data;
  } catch {
    body = undefined;
  }
  const detail = body?.message ?? body?.error ?? "no details";
  switch (answer.status) {
    case 201:
      return { status: "accepted", httpStatus: 201, attempts };
    case 200:
      return { status: "already-accepted", httpStatus: 200, attempts };
    case 413:
      return { status: "too-large", httpStatus: 413, maxBytes: body?.max_bytes, attempts };
    case 409:
      throw new BundleConflictError(bundle.bundleId, detail, bundle.file);
    case 422:
      throw new BundleRejectedError(bundle.bundleId, body?.error ?? "rejected", body?.message, bundle.file);
    case 401:
    case 403:
      throw new CollectorNotAuthorizedError(answer.status, body?.error ?? "refused");
    default:
      throw new BadDataError(
        `Corvana answered HTTP ${answer.status} to the upload of bundle ${bundle.bundleId} (${detail}).`,
        {
          hint: "The bundle is kept; see docs/ingest-api.md for what Corvana's answers mean.",
        },
      );
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3), capped. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : Date.parse(value) - Date.now();
  return Number.isFinite(seconds) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, seconds)) : undefined;
}
