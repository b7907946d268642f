/**
 * The collector-administration calls of Corvana's ingest API (DESIGN §6), for `status --remote` and
 * `disconnect`: `GET /v1/collectors/{id}` (Corvana's view of this collector) and
 * `DELETE /v1/collectors/{id}` (revoke; with `?purge=true` also delete every record collected, within 24 h,
 * answering 202 with a deletion receipt). Both authenticate with the ingest token Corvana issued at
 * enrollment, as Bearer. Errors come from send-json.ts: network, 429 and 5xx are CorvanaUnavailableError.
 */
import type { Dispatcher } from "undici";
import { z } from "zod";
import { BadDataError, UsageError } from "../errors.ts";
import { sendJson } from "./send-json.ts";

/** What the client needs. */
export interface CollectorAdminOptions {
  /** Corvana's base URL; calls append `/v1/...`. */
  baseUrl: string;
  /** The ingest token issued at enrollment; it is sent, never printed. */
  ingestToken: string;
  userAgentVersion: string;
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

/** Corvana's view of a collector (`GET /v1/collectors/{id}`). */
export type RemoteCollector =
  | {
      found: true;
      /** e.g. "active", "revoked", "deleting". */
      status: string;
      lastBundleAt: string | null;
      bundles: number | undefined;
      records: number | undefined;
    }
  | { found: false };

/** What a `DELETE` did. */
export type CollectorDeletion =
  | { outcome: "revoked" }
  | { outcome: "purge-accepted"; deletionId: string; completeBy: string }
  | { outcome: "not-found" };

/** The calls. */
export interface CollectorAdmin {
  getCollector(collectorId: string): Promise<RemoteCollector>;
  /** Revokes the collector; with `purge`, also asks Corvana to delete all its data. */
  deleteCollector(collectorId: string, options: { purge: boolean }): Promise<CollectorDeletion>;
}

const collectorSchema = z.object({
  status: z.string().min(1),
  last_bundle_at: z.string().nullable().optional(),
  bundles: z.number().int().nonnegative().optional(),
  records: z.number().int().nonnegative().optional(),
});
const receiptSchema = z.object({ deletion_id: z.string().min(1), complete_by: z.iso.datetime({ offset: true }) });
const errorSchema = z.object({ error: z.string() });

/** Creates the client. */
export function createCollectorAdmin(options: CollectorAdminOptions): CollectorAdmin {
  const send = (method: "GET" | "DELETE", path: string) =>
    sendJson({ ...options, bearer: options.ingestToken }, method, path);

  function refused(status: number, json: unknown, what: string): UsageError {
    const said = errorSchema.safeParse(json).data?.error ?? `HTTP ${status}`;
    if (status === 401 || status === 403) {
      return new UsageError(`Corvana refused this collector's ingest token for ${what} (${said}).`, {
        hint: "The collector may have been revoked from the Corvana dashboard; enroll again with `corvana-bb login --enroll-only --enrollment-code <code>`.",
      });
    }
    return new UsageError(`Corvana refused ${what} (HTTP ${status}: ${said}).`);
  }

  return {
    async getCollector(collectorId) {
      const response = await send("GET", `/v1/collectors/${encodeURIComponent(collectorId)}`);
      if (response.status === 404) return { found: false };
      if (response.status !== 200) throw refused(response.status, response.json, "the collector status request");
      const parsed = collectorSchema.safeParse(response.json);
      if (!parsed.success) throw new BadDataError("Corvana's answer about this collector is unusable.");
      return {
        found: true,
        status: parsed.data.status,
        lastBundleAt: parsed.data.last_bundle_at ?? null,
        bundles: parsed.data.bundles,
        records: parsed.data.records,
      };
    },

    async deleteCollector(collectorId, { purge }) {
      const path = `/v1/collectors/${encodeURIComponent(collectorId)}${purge ? "?purge=true" : ""}`;
      const response = await send("DELETE", path);
      if (response.status === 404) return { outcome: "not-found" };
      if (response.status !== 200 && response.status !== 202 && response.status !== 204) {
        throw refused(response.status, response.json, purge ? "the deletion request" : "the revocation");
      }
      if (!purge) return { outcome: "revoked" };
      const parsed = receiptSchema.safeParse(response.json);
      if (!parsed.success) {
        throw new BadDataError(
          "Corvana accepted the deletion request but sent no usable receipt (deletion_id, complete_by).",
          {
            hint: `Ask Corvana for the deletion receipt of collector ${collectorId}.`,
          },
        );
      }
      return { outcome: "purge-accepted", deletionId: parsed.data.deletion_id, completeBy: parsed.data.complete_by };
    },
  };
}
