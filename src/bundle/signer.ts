/**
 * Ed25519 signing and checking of manifests with node:crypto (RFC 8032: the message is signed as is, no
 * pre-hash, so `openssl pkeyutl -verify -rawin` checks the same bytes).
 */
import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";

/** The key pair a bundle is signed with, as PEM (PKCS#8 private, SPKI public). */
export interface BundleSigner {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** Signs `message`; returns the raw 64-byte signature. */
export function signMessage(message: Buffer, privateKeyPem: string): Buffer {
  return sign(null, message, createPrivateKey(privateKeyPem));
}

/** True when `signature` is `publicKeyPem`'s Ed25519 signature of `message`; false for any malformed input. */
export function verifyMessage(message: Buffer, signature: Buffer, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== "ed25519" || signature.length !== 64) return false;
    return verify(null, message, key, signature);
  } catch {
    return false;
  }
}

/**
 * A key's public fingerprint: the first 16 hex digits of SHA-256 over its SPKI DER — the same value `login`
 * prints (src/auth/signing-key.ts), so a reviewer can compare them. Undefined for a malformed key.
 */
export function signerFingerprint(publicKeyPem: string): string | undefined {
  try {
    const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
    return createHash("sha256").update(der).digest("hex").slice(0, 16);
  } catch {
    return undefined;
  }
}
