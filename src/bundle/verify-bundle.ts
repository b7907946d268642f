/**
 * Offline verification of a bundle: its structure, the Ed25519 signature over the manifest, and the SHA-256
 * and size of the records the manifest names. Without an expected key, the signature proves the bundle is
 * intact and shows who signed it (the fingerprint to compare with `login`'s); with one, it proves origin.
 */
import { createHash } from "node:crypto";
import { openBundleFile } from "./bundle-source.ts";
import type { Manifest } from "./manifest.ts";
import { type OpenedBundle, readBundle } from "./read-bundle.ts";
import { signerFingerprint, verifyMessage } from "./signer.ts";

/** What verification found. `ok` is true only when every check passed. */
export interface VerifyReport {
  ok: boolean;
  bundleId: string;
  manifest: Manifest;
  /** The fingerprint of the key that signed (computed from the key in the manifest). */
  signerFingerprint: string | undefined;
  checks: {
    signature: boolean;
    /** The manifest's stated fingerprint is its key's. */
    fingerprint: boolean;
    digest: boolean;
    size: boolean;
    /** Present when an expected key was given: the bundle was signed by exactly that key. */
    expectedKey?: boolean;
  };
  /** One sentence per failed check. */
  problems: string[];
}

/** Checks an opened bundle. */
export async function verifyBundle(bundle: OpenedBundle, expectedPublicKeyPem?: string): Promise<VerifyReport> {
  const { manifest } = bundle;
  const fingerprint = signerFingerprint(manifest.signer.public_key);
  const problems: string[] = [];
  const signature = verifyMessage(bundle.manifestBytes, bundle.signature, manifest.signer.public_key);
  if (!signature) problems.push("the signature does not match the manifest (the manifest or signature was changed)");
  const fingerprintOk = fingerprint !== undefined && fingerprint === manifest.signer.fingerprint;
  if (!fingerprintOk) problems.push("the signer fingerprint in the manifest is not its key's");
  const size = bundle.content.size === manifest.content.size;
  if (!size) problems.push(`the records are ${bundle.content.size} bytes, the manifest says ${manifest.content.size}`);
  const digest = (await sha256Of(bundle)) === manifest.content.sha256;
  if (!digest) problems.push("the SHA-256 of records.ndjson.gz differs from the manifest's (the records were changed)");
  const checks: VerifyReport["checks"] = { signature, fingerprint: fingerprintOk, digest, size };
  if (expectedPublicKeyPem !== undefined) {
    const expected = signerFingerprint(expectedPublicKeyPem);
    checks.expectedKey =
      expected !== undefined &&
      expected === fingerprint &&
      verifyMessage(bundle.manifestBytes, bundle.signature, expectedPublicKeyPem);
    if (!checks.expectedKey) {
      problems.push(`the bundle was not signed by the expected key ${expected ?? "(unreadable key)"}`);
    }
  }
  return {
    ok: problems.length === 0,
    bundleId: manifest.bundle_id,
    manifest,
    signerFingerprint: fingerprint,
    checks,
    problems,
  };
}

/** Opens, checks and closes a bundle file. Structural damage throws NotABundleError. */
export async function verifyBundleFile(file: string, expectedPublicKeyPem?: string): Promise<VerifyReport> {
  const source = await openBundleFile(file);
  try {
    return await verifyBundle(await readBundle(source), expectedPublicKeyPem);
  } finally {
    await source.close();
  }
}

async function sha256Of(bundle: OpenedBundle): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of bundle.source.stream(bundle.content.offset, bundle.content.size)) {
    hash.update(chunk as Buffer);
  }
  return hash.digest("hex");
}
