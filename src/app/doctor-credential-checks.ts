/**
 * The credential checks of `doctor`, local only: the credential backend answers (keychain) or is private
 * (file, 0600), the workspace's login is saved and readable, and the OAuth consumer it renews with is there.
 */
import fs from "node:fs/promises";
import type { CredentialStore } from "../auth/credential-store.ts";
import { readStoredCredentials, type StoredCredentials } from "../auth/stored-credentials.ts";
import type { Config } from "../config/load-config.ts";
import { CliError } from "../errors.ts";
import { check, type DoctorCheck, octal } from "./doctor-check.ts";

const kindNames: Record<StoredCredentials["kind"], string> = {
  oauth: "OAuth login",
  "client-credentials": "OAuth client credentials",
  "access-token": "access token",
  "api-token": "Atlassian API token",
};

/** Opens the store and reports on it; the store is returned for the other checks when it opened. */
export async function checkCredentialStore(
  config: Config,
  open: (config: Config) => Promise<CredentialStore>,
): Promise<{ result: DoctorCheck; store: CredentialStore | undefined }> {
  const title = "Credential store";
  let store: CredentialStore;
  try {
    store = await open(config);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { result: check("credential-store", title, "config", "fail", error.message, error.hint), store: undefined };
  }
  if (store.backend === "keychain") {
    return { result: check("credential-store", title, "config", "ok", `${store.location} answers`), store };
  }
  const file = config.paths.credentialsFile;
  const stat = await fs.stat(file).catch(() => undefined);
  if (stat === undefined) {
    return {
      result: check("credential-store", title, "config", "ok", `file backend; ${file} does not exist yet`),
      store,
    };
  }
  const mode = stat.mode & 0o777;
  if (process.platform !== "win32" && (mode & 0o077) !== 0) {
    return {
      result: check(
        "credential-store",
        title,
        "config",
        "fail",
        `${file} has mode ${octal(mode)}: others can read it`,
        `chmod 600 ${file}`,
      ),
      store,
    };
  }
  return {
    result: check("credential-store", title, "config", "ok", `file backend, ${file} (mode ${octal(mode)})`),
    store,
  };
}

/** The saved Bitbucket credentials of the workspace (or CORVANA_BB_TOKEN), and the consumer they renew with. */
export async function checkSavedLogin(
  config: Config,
  store: CredentialStore | undefined,
): Promise<{ results: DoctorCheck[]; stored: StoredCredentials | undefined }> {
  const login = "Bitbucket login";
  const consumer = "OAuth consumer";
  if (config.token !== undefined) {
    return {
      results: [
        check("login", login, "login", "ok", "CORVANA_BB_TOKEN is set; it overrides any saved credentials"),
        consumerFromConfig(config),
      ],
      stored: undefined,
    };
  }
  if (config.workspace === undefined) {
    return {
      results: [
        check(
          "login",
          login,
          "login",
          "fail",
          "no workspace is configured",
          "Run `corvana-bb login` (it records the workspace), or set CORVANA_BB_WORKSPACE.",
        ),
        consumerFromConfig(config),
      ],
      stored: undefined,
    };
  }
  if (store === undefined) {
    return {
      results: [check("login", login, "login", "skip", "the credential store could not be opened")],
      stored: undefined,
    };
  }
  let stored: StoredCredentials | undefined;
  try {
    stored = await readStoredCredentials(store, config.workspace);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { results: [check("login", login, "login", "fail", error.message, error.hint)], stored: undefined };
  }
  if (stored === undefined) {
    return {
      results: [
        check(
          "login",
          login,
          "login",
          "fail",
          `no saved credentials for workspace "${config.workspace}" in ${store.location}`,
          "Run `corvana-bb login` (or set CORVANA_BB_TOKEN for a ready token).",
        ),
        consumerFromConfig(config),
      ],
      stored: undefined,
    };
  }
  const results = [
    check("login", login, "login", "ok", `workspace "${config.workspace}", ${kindNames[stored.kind]} saved`),
  ];
  if (stored.kind === "oauth" || stored.kind === "client-credentials") {
    const differs = config.clientId !== undefined && config.clientId !== stored.clientId;
    results.push(
      differs
        ? check(
            "consumer",
            consumer,
            "config",
            "warn",
            `CORVANA_BB_CLIENT_ID names another consumer than the one used at login (${stored.clientId})`,
            "Renewal uses the consumer saved at login; unset CORVANA_BB_CLIENT_ID or log in again with the new consumer.",
          )
        : check("consumer", consumer, "config", "ok", `key ${stored.clientId} and its secret are saved for renewal`),
    );
  } else {
    results.push(check("consumer", consumer, "config", "skip", `not needed for ${stored.kind} credentials`));
  }
  return { results, stored };
}

function consumerFromConfig(config: Config): DoctorCheck {
  const title = "OAuth consumer";
  if (config.clientId !== undefined && config.clientSecret === undefined) {
    return check(
      "consumer",
      title,
      "config",
      "fail",
      "CORVANA_BB_CLIENT_ID is set but the consumer secret is not",
      "Set CORVANA_BB_CLIENT_SECRET to the consumer's secret (Bitbucket requires it at every token exchange).",
    );
  }
  if (config.clientId === undefined && config.clientSecret !== undefined) {
    return check(
      "consumer",
      title,
      "config",
      "fail",
      "CORVANA_BB_CLIENT_SECRET is set but the consumer key is not",
      "Set CORVANA_BB_CLIENT_ID to the consumer's key.",
    );
  }
  if (config.clientId !== undefined)
    return check("consumer", title, "config", "ok", `key ${config.clientId} and a secret are configured for login`);
  return check(
    "consumer",
    title,
    "config",
    "skip",
    "no consumer configured (needed only for an OAuth login; see docs/login.md)",
  );
}
