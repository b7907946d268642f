/**
 * PKCE (RFC 7636) with S256. Bitbucket Cloud does not document PKCE and requires the consumer secret
 * anyway (api-notes §1), so this is defence in depth that costs nothing: sent always, relied on never.
 */
import { createHash, randomBytes } from "node:crypto";

/** A verifier kept in memory and the challenge sent in the authorize URL. */
export interface PkcePair {
  verifier: string;
  challenge: string;
  method: "S256";
}

/** A fresh verifier (32 CSPRNG bytes, base64url: 43 characters, RFC 7636 §4.1) and its S256 challenge. */
export function createPkcePair(): PkcePair {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier), method: "S256" };
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)) (RFC 7636 §4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
