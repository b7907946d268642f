/**
 * Pseudonymisation (DESIGN §2): people and branches are stored as keyed hashes, never as names.
 * `person_key = HMAC-SHA256(install_secret, account_uuid)`, shortened; stable across runs for one install,
 * meaningless without the install secret (which never leaves the machine).
 */
import { createHmac } from "node:crypto";

/** Length of a stored key in hex characters (96 bits: collision-free at any realistic workspace size). */
const keyLength = 24;

/** Turns identifiers into stable pseudonyms with one install secret. */
export interface Pseudonymizer {
  /** The pseudonym of a Bitbucket account uuid (case and braces do not matter). */
  person(accountUuid: string): string;
  /** A keyed hash of a branch name within a repository: lets analyses count distinct branches. */
  branch(repoUuid: string, branchName: string): string;
}

/** Creates a pseudonymizer; the secret must be at least 32 bytes of randomness. */
export function createPseudonymizer(installSecret: Uint8Array): Pseudonymizer {
  if (installSecret.length < 32) throw new Error("install secret too short");
  const key = Buffer.from(installSecret);
  const mac = (domain: string, value: string) =>
    createHmac("sha256", key).update(`${domain}\u0000${value}`).digest("hex").slice(0, keyLength);
  return {
    person: (accountUuid) => mac("person", normaliseUuid(accountUuid)),
    branch: (repoUuid, branchName) => mac("branch", `${normaliseUuid(repoUuid)}\u0000${branchName}`),
  };
}

function normaliseUuid(uuid: string): string {
  const bare = uuid.trim().toLowerCase().replace(/^\{/, "").replace(/\}$/, "");
  return `{${bare}}`;
}
