/**
 * Who signs and who uploads: this install's signing key and, once enrolled, the collector id and ingest
 * token Corvana issued — all read from the credential store, where `login` put them.
 */
import type { CredentialStore } from "../auth/credential-store.ts";
import { type CollectorCredentials, readCollectorCredentials } from "../auth/enroll-collector.ts";
import { keyFingerprint, loadSigningKey } from "../auth/signing-key.ts";
import type { BundleSigner } from "../bundle/signer.ts";
import { UsageError } from "../errors.ts";

/** The signing key and the enrollment, when there is one. */
export interface BundleIdentity {
  signer: BundleSigner;
  fingerprint: string;
  /** Undefined until this install is enrolled with Corvana. */
  collector: CollectorCredentials | undefined;
}

/** The hint every "not enrolled" message carries. */
export const enrollHint =
  "Enroll with a code from the Corvana dashboard: `corvana-bb login --enroll-only --enrollment-code <code>`; the next sync uploads everything collected so far.";

/** Reads the identity; undefined when no signing key exists yet (no login on this machine). */
export async function readBundleIdentity(store: CredentialStore): Promise<BundleIdentity | undefined> {
  const key = await loadSigningKey(store);
  if (key === undefined) return undefined;
  return {
    signer: key,
    fingerprint: keyFingerprint(key.publicKeyPem),
    collector: await readCollectorCredentials(store),
  };
}

/** Reads the identity or says how to create the signing key. */
export async function requireBundleIdentity(store: CredentialStore): Promise<BundleIdentity> {
  const identity = await readBundleIdentity(store);
  if (identity !== undefined) return identity;
  throw new UsageError(`This install has no signing key yet (${store.location}).`, {
    hint: "Run `corvana-bb login` (or `corvana-bb login --enroll-only` on a host that uses CORVANA_BB_TOKEN): it makes the key that signs bundles.",
  });
}

/** The enrollment that applies to `corvanaUrl`, or undefined (not enrolled, or enrolled with another Corvana). */
export function enrollmentFor(
  identity: BundleIdentity | undefined,
  corvanaUrl: string,
): CollectorCredentials | undefined {
  const collector = identity?.collector;
  return collector !== undefined &&
    collector.corvanaUrl === corvanaUrl &&
    collector.keyFingerprint === identity?.fingerprint
    ? collector
    : undefined;
}
