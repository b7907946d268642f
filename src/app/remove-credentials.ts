/**
 * Finding and removing every credential entry of an install, for `disconnect`: whatever the store lists,
 * plus the names corvana-bb always uses (a store that cannot list still loses them). After removing, the
 * store is listed again, and anything left is an error: a disconnect must not leave a secret behind.
 */
import fs from "node:fs/promises";
import { type CredentialStore, credentialNames } from "../auth/credential-store.ts";
import type { Config } from "../config/load-config.ts";
import { UsageError } from "../errors.ts";

/** Every entry of this install: what the store lists plus the names it always uses. */
export async function entryNames(store: CredentialStore, config: Config): Promise<string[]> {
  const listed = (await store.list?.()) ?? [];
  const known: string[] = [credentialNames.installSecret, credentialNames.signingKey, credentialNames.corvanaCollector];
  if (config.workspace !== undefined) known.push(credentialNames.bitbucket(config.workspace));
  const present: string[] = [...listed];
  for (const name of known) {
    if (!present.includes(name) && (await store.get(name)) !== undefined) present.push(name);
  }
  return present.sort();
}

/** Removes the named entries (and an emptied credentials file); throws when something is left. */
export async function removeEntries(store: CredentialStore, config: Config, names: string[]): Promise<string[]> {
  for (const name of names) await store.delete(name);
  const left = await entryNames(store, config);
  if (left.length > 0) {
    throw new UsageError(`Some credential entries could not be removed from ${store.location}: ${left.join(", ")}.`, {
      hint: "Run `corvana-bb disconnect` again; if it persists, remove them with the keychain's own tool.",
    });
  }
  if (store.backend === "file") {
    // An empty credentials file is still a trace of the install; remove it and its lock.
    await fs.rm(config.paths.credentialsFile, { force: true });
    await fs.rm(`${config.paths.credentialsFile}.lock`, { force: true });
  }
  return names;
}
