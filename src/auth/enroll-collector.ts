/**
 * Enrollment with Corvana (DESIGN §6): this install's public signing key is registered with the
 * engagement named by an enrollment code, in exchange for a collector id and an ingest token. The key is
 * made at first login and kept across logins; `--rotate-key` replaces it, but only once Corvana has
 * accepted the new public key, so a failed rotation leaves a working install behind.
 */
import { z } from "zod";
import type { CorvanaClient } from "../corvana/corvana-client.ts";
import { CorvanaUnavailableError } from "../corvana/corvana-client.ts";
import { UsageError } from "../errors.ts";
import { type CredentialStore, credentialNames } from "./credential-store.ts";
import { generateSigningKey, keyFingerprint, loadSigningKey, saveSigningKey } from "./signing-key.ts";

const collectorSchema = z.object({
  collectorId: z.string().min(1),
  ingestToken: z.string().min(1),
  corvanaUrl: z.string(),
  enrolledAt: z.string(),
  keyFingerprint: z.string(),
});

/** The collector credentials Corvana issued, as stored. */
export type CollectorCredentials = z.infer<typeof collectorSchema>;

/** What enrollment did. `keyFingerprint` identifies the key now in use (safe to print). */
export type EnrollmentOutcome =
  | { status: "enrolled"; collectorId: string; keyFingerprint: string; rotated: boolean }
  | { status: "already-enrolled"; collectorId: string; keyFingerprint: string }
  | { status: "not-enrolled"; reason: "no-code" | "unavailable"; detail?: string; keyFingerprint: string };

/** What enrollment needs. */
export interface EnrollDeps {
  store: CredentialStore;
  corvana: CorvanaClient;
  corvanaUrl: string;
  collectorVersion: string;
  enrollmentCode: string | undefined;
  /** Asks for a code on a TTY; resolves undefined when the user skips. */
  promptCode?: () => Promise<string | undefined>;
  rotateKey: boolean;
  now?: () => number;
}

/** Reads the stored collector credentials, if any. */
export async function readCollectorCredentials(store: CredentialStore): Promise<CollectorCredentials | undefined> {
  const text = await store.get(credentialNames.corvanaCollector);
  if (text === undefined) return undefined;
  try {
    return collectorSchema.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Makes sure a signing key exists and, when a code is available, that it is enrolled. */
export async function ensureEnrollment(deps: EnrollDeps): Promise<EnrollmentOutcome> {
  const { store } = deps;
  let key = await loadSigningKey(store);
  const rotating = deps.rotateKey && key !== undefined;
  if (key === undefined) {
    // Made at first login even without enrollment: an air-gapped install signs bundles offline.
    key = generateSigningKey();
    await saveSigningKey(store, key);
  }
  const current = keyFingerprint(key.publicKeyPem);
  const collector = await readCollectorCredentials(store);
  const enrolled =
    collector !== undefined && collector.keyFingerprint === current && collector.corvanaUrl === deps.corvanaUrl;
  if (enrolled && !rotating && deps.enrollmentCode === undefined) {
    return { status: "already-enrolled", collectorId: collector.collectorId, keyFingerprint: current };
  }

  const code = deps.enrollmentCode ?? (await deps.promptCode?.());
  if (code === undefined || code.trim() === "") {
    if (rotating) {
      throw new UsageError("--rotate-key needs an enrollment code: Corvana must learn the new public key.", {
        hint: "Add --enrollment-code <code> (or set CORVANA_BB_ENROLLMENT_CODE); the current key stays in use until then.",
      });
    }
    return { status: "not-enrolled", reason: "no-code", keyFingerprint: current };
  }

  const candidate = rotating ? generateSigningKey() : key;
  let issued: { collectorId: string; ingestToken: string };
  try {
    issued = await deps.corvana.enrollCollector({
      enrollmentCode: code.trim(),
      publicKeyPem: candidate.publicKeyPem,
      collectorVersion: deps.collectorVersion,
      source: "bitbucket-cloud",
    });
  } catch (error) {
    if (!(error instanceof CorvanaUnavailableError)) throw error;
    return { status: "not-enrolled", reason: "unavailable", detail: error.message, keyFingerprint: current };
  }
  if (rotating) await saveSigningKey(store, candidate);
  const fingerprint = keyFingerprint(candidate.publicKeyPem);
  const saved: CollectorCredentials = {
    collectorId: issued.collectorId,
    ingestToken: issued.ingestToken,
    corvanaUrl: deps.corvanaUrl,
    enrolledAt: new Date((deps.now ?? Date.now)()).toISOString(),
    keyFingerprint: fingerprint,
  };
  await store.set(credentialNames.corvanaCollector, JSON.stringify(saved));
  return { status: "enrolled", collectorId: issued.collectorId, keyFingerprint: fingerprint, rotated: rotating };
}
