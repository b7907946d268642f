/**
 * Opens the credential backend the configuration names: the OS keychain by default, the file only when
 * chosen explicitly. The keychain is probed at once so an unavailable one fails before any work starts
 * (not after a browser login), with an error that names the way to choose the file backend.
 */
import type { Config } from "../config/load-config.ts";
import type { CredentialStore } from "./credential-store.ts";
import { credentialNames } from "./credential-store.ts";
import { createFileCredentialStore, fileStoreWarning } from "./file-credential-store.ts";
import { createKeychainCredentialStore, keychainService } from "./keychain-credential-store.ts";

/** The default keychain timeout: short, so cron on a host without a Secret Service fails fast. */
export const KEYCHAIN_TIMEOUT_MS = 3_000;

/** Options for opening the store. */
export interface OpenCredentialStoreOptions {
  /** Receives the "less protected" warning when the file backend is used. */
  warn?: (message: string) => void;
  /** Longer for an interactive login on a desktop, where the user may have to type an unlock password. */
  keychainTimeoutMs?: number;
  /** The keychain helper script (tests only). */
  keychainHelperPath?: string;
}

/** Opens (and for the keychain, probes) the configured credential store. */
export async function openCredentialStore(
  config: Config,
  options: OpenCredentialStoreOptions = {},
): Promise<CredentialStore> {
  if (config.credentialStore === "file") {
    options.warn?.(fileStoreWarning(config.paths.credentialsFile));
    return createFileCredentialStore(config.paths.credentialsFile);
  }
  const store = createKeychainCredentialStore({
    service: keychainService(config.paths.home),
    timeoutMs: options.keychainTimeoutMs ?? KEYCHAIN_TIMEOUT_MS,
    ...(options.keychainHelperPath === undefined ? {} : { helperPath: options.keychainHelperPath }),
  });
  await store.get(credentialNames.installSecret);
  return store;
}
