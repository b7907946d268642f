/** The OAuth `state` parameter: a CSPRNG nonce tying the browser's callback to this login (RFC 6749 §10.12). */
import { randomBytes, timingSafeEqual } from "node:crypto";

/** A fresh state value (32 random bytes, base64url). */
export function createState(): string {
  return randomBytes(32).toString("base64url");
}

/** True when a returned state is exactly the one sent, compared in constant time. */
export function isSameState(expected: string, received: string | null | undefined): boolean {
  if (typeof received !== "string") return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}
