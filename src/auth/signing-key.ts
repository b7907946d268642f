/**
 * This install's Ed25519 signing key (DESIGN §5, §6): generated at first login, the private half kept in
 * the credential store as PKCS#8 PEM, the public half enrolled with Corvana. Bundles are signed with it.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from "node:crypto";
import { UsageError } from "../errors.ts";
import { type CredentialStore, credentialNames } from "./credential-store.ts";

/** A key pair as PEM text: PKCS#8 private key, SPKI public key. */
export interface SigningKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

/** Generates a new Ed25519 key pair. */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

/** The stored key pair, or undefined before the first login. */
export async function loadSigningKey(store: CredentialStore): Promise<SigningKey | undefined> {
  const pem = await store.get(credentialNames.signingKey);
  if (pem === undefined) return undefined;
  try {
    const privateKey = createPrivateKey(pem);
    if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("not an Ed25519 key");
    return {
      privateKeyPem: pem,
      publicKeyPem: createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString(),
    };
  } catch {
    throw new UsageError(`The signing key in ${store.location} is damaged.`, {
      hint: "Run `corvana-bb login --rotate-key --enrollment-code <code>` to make and enroll a new one.",
    });
  }
}

/** Saves the private key (the public key is derived from it when loaded). */
export async function saveSigningKey(store: CredentialStore, key: SigningKey): Promise<void> {
  await store.set(credentialNames.signingKey, key.privateKeyPem);
}

/** A short, public identifier of a key: the first 16 hex digits of SHA-256 over its SPKI DER. */
export function keyFingerprint(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: "spki", format: "der" });
  return createHash("sha256").update(der).digest("hex").slice(0, 16);
}
