/**
 * The install secret: 32 random bytes that key the HMAC pseudonymising people (DESIGN §2). It is created
 * on first need, kept in the credential store, never leaves the machine, and dies with `disconnect --purge`.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { UsageError } from "../errors.ts";
import { acquireFileLock } from "../lock/file-lock.ts";
import { type CredentialStore, credentialNames } from "./credential-store.ts";

const SECRET_BYTES = 32;

/** Options for creating the secret safely when several processes start at once. */
export interface InstallSecretOptions {
  /** With a locks directory, creation happens under a lock so two first runs cannot pick two secrets. */
  locksDir?: string;
}

/** Returns the install secret, creating and storing it if there is none yet. */
export async function loadOrCreateInstallSecret(
  store: CredentialStore,
  options: InstallSecretOptions = {},
): Promise<Buffer> {
  const existing = await readSecret(store);
  if (existing !== undefined) return existing;
  const lock =
    options.locksDir === undefined
      ? undefined
      : await acquireFileLock(path.join(options.locksDir, "install-secret.lock"), {
          waitMs: 15_000,
          staleMs: 60_000,
          purpose: "install secret",
        });
  try {
    const created = (await readSecret(store)) ?? (await createSecret(store));
    return created;
  } finally {
    await lock?.release();
  }
}

async function createSecret(store: CredentialStore): Promise<Buffer> {
  await store.set(credentialNames.installSecret, randomBytes(SECRET_BYTES).toString("base64"));
  // Read back what was stored: if another process won a race, its secret is the one everybody uses.
  const stored = await readSecret(store);
  if (stored === undefined)
    throw new UsageError(`The credential store (${store.location}) did not keep the install secret.`);
  return stored;
}

async function readSecret(store: CredentialStore): Promise<Buffer | undefined> {
  const value = await store.get(credentialNames.installSecret);
  if (value === undefined) return undefined;
  const secret = Buffer.from(value, "base64");
  if (secret.length !== SECRET_BYTES) {
    throw new UsageError(`The install secret in ${store.location} is damaged.`, {
      hint: "It keys the pseudonyms of people: restore it from a backup, or run `corvana-bb disconnect --purge` and start over.",
    });
  }
  return secret;
}
