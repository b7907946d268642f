/**
 * A round trip through the real OS keychain (the Secret Service on Linux). Skipped, saying why, on a
 * machine without one; CI sets CORVANA_BB_REQUIRE_KEYCHAIN=1 and runs it under scripts/with-keyring.sh,
 * where a missing keychain is a failure instead.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createBitbucketAuth } from "../../src/auth/bitbucket-auth.ts";
import type { CredentialStore } from "../../src/auth/credential-store.ts";
import { loadOrCreateInstallSecret } from "../../src/auth/install-secret.ts";
import { createKeychainCredentialStore } from "../../src/auth/keychain-credential-store.ts";
import { runLogin } from "../../src/auth/login.ts";
import { openCredentialStore } from "../../src/auth/open-credential-store.ts";
import { startLoginWorld } from "../helpers/login-world.ts";

const required = process.env.CORVANA_BB_REQUIRE_KEYCHAIN === "1";
const probe = createKeychainCredentialStore({
  service: `corvana-bb-probe-${randomBytes(4).toString("hex")}`,
  timeoutMs: 5_000,
});
const unavailable = await probe.get("probe").then(
  () => undefined,
  (error: unknown) => (error instanceof Error ? error.message : String(error)),
);
if (unavailable !== undefined && !required) {
  console.warn(
    `Skipping the keychain tests: ${unavailable} (set CORVANA_BB_REQUIRE_KEYCHAIN=1 to make this a failure).`,
  );
}

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

/** Deletes every entry the test made, so a developer's keychain is left as it was. */
function forget(store: CredentialStore, names: string[]): void {
  cleanups.push(async () => {
    for (const name of names) await store.delete(name).catch(() => undefined);
  });
}

describe.skipIf(unavailable !== undefined && !required)("OS keychain", () => {
  it("is available", () => {
    expect(unavailable).toBeUndefined();
  });

  it("stores, reads, lists and deletes entries", async () => {
    const store = createKeychainCredentialStore({
      service: `corvana-bb-test-${randomBytes(4).toString("hex")}`,
      timeoutMs: 5_000,
    });
    forget(store, ["bitbucket:ws", "install-secret"]);
    await store.set("bitbucket:ws", '{"kind":"access-token","token":"t"}');
    await store.set("install-secret", "c2VjcmV0");
    expect(await store.get("bitbucket:ws")).toBe('{"kind":"access-token","token":"t"}');
    expect((await store.list?.())?.sort()).toEqual(["bitbucket:ws", "install-secret"]);
    await store.set("bitbucket:ws", "replaced");
    expect(await store.get("bitbucket:ws")).toBe("replaced");
    await store.delete("bitbucket:ws");
    expect(await store.get("bitbucket:ws")).toBeUndefined();
    await store.delete("bitbucket:ws");
  });

  it("keeps a login in the keychain that sync can use, with nothing written to disk", async () => {
    const world = await startLoginWorld();
    try {
      const config = world.config({ CORVANA_BB_CREDENTIAL_STORE: "keychain" });
      const store = await openCredentialStore(config, { keychainTimeoutMs: 5_000 });
      forget(store, ["bitbucket:sandbox-workspace", "install-secret", "signing-key", "corvana-collector"]);
      expect(store.backend).toBe("keychain");
      const result = await runLogin({
        config,
        store,
        mode: "client-credentials",
        timeoutMs: 10_000,
        rotateKey: false,
        enrollmentCode: undefined,
        onSignal: () => () => undefined,
        report: () => undefined,
      });
      expect(result.store.backend).toBe("keychain");
      const auth = await createBitbucketAuth({ config, store: await openCredentialStore(config) });
      expect(world.oauth.isValidAccessToken(await auth.getAccessToken())).toBe(true);
      expect(auth.describe()).toMatchObject({ kind: "client-credentials", backend: "keychain" });
      expect((await loadOrCreateInstallSecret(store)).length).toBe(32);
      expect(fs.existsSync(config.paths.credentialsFile)).toBe(false);
    } finally {
      await world.close();
    }
  });
});
