/**
 * One interface over the places a secret can live (the OS keychain, or a file chosen explicitly), and
 * the names of the entries corvana-bb keeps there. Values are strings; structured entries are JSON.
 */

/** Where secrets are kept; `file` is only ever used when chosen explicitly. */
export type CredentialBackend = "keychain" | "file";

/** A small key-value store for secrets. Every method may throw a CliError saying how to fix the store. */
export interface CredentialStore {
  readonly backend: CredentialBackend;
  /** A short, secret-free description of where the entries are (for `login` and `status`). */
  readonly location: string;
  get(name: string): Promise<string | undefined>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
  list?(): Promise<string[]>;
}

/** The entry names; one Bitbucket entry per workspace so several workspaces can be collected. */
export const credentialNames = {
  bitbucket: (workspace: string) => `bitbucket:${workspace}`,
  installSecret: "install-secret",
  signingKey: "signing-key",
  corvanaCollector: "corvana-collector",
} as const;

/** The hint every "store unavailable" error carries: the exact ways to choose the file backend. */
export const chooseFileBackendHint =
  "On a host without an unlocked keychain (server, container, cron), choose the file backend explicitly with " +
  "`--credential-store file` or CORVANA_BB_CREDENTIAL_STORE=file (a 0600 file, less protected than the keychain; see docs/login.md).";
