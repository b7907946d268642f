/**
 * Whether a real OS keychain (the Secret Service on Linux) answers here, for tests that use it: they skip,
 * printing the reason, when it does not — unless CORVANA_BB_REQUIRE_KEYCHAIN=1 (CI under
 * scripts/with-keyring.sh), where a missing keychain fails them. Also the variables a child CLI needs to
 * reach the session's keychain.
 */
import { randomBytes } from "node:crypto";
import { createKeychainCredentialStore } from "../../src/auth/keychain-credential-store.ts";

/** True when a missing keychain must fail the tests instead of skipping them. */
export const keychainRequired = process.env.CORVANA_BB_REQUIRE_KEYCHAIN === "1";

/** Undefined when the keychain answers, else why not. */
export async function keychainUnavailable(): Promise<string | undefined> {
  const probe = createKeychainCredentialStore({
    service: `corvana-bb-probe-${randomBytes(4).toString("hex")}`,
    timeoutMs: 5_000,
  });
  return probe.get("probe").then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
}

/** The session variables a child process needs to talk to the same keychain (D-Bus, keyring control). */
export function keychainEnv(): Record<string, string> {
  const names = ["DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "GNOME_KEYRING_CONTROL"];
  const env: Record<string, string> = {};
  for (const name of names) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}
