import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createFileCredentialStore } from "./file-credential-store.ts";
import { loadOrCreateInstallSecret } from "./install-secret.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-secret-"));
afterEach(() => fs.rmSync(path.join(dir, "credentials.json"), { force: true }));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("install secret", () => {
  it("is created once, 32 random bytes, and then always read back", async () => {
    const store = createFileCredentialStore(path.join(dir, "credentials.json"));
    const first = await loadOrCreateInstallSecret(store, { locksDir: path.join(dir, "locks") });
    expect(first).toHaveLength(32);
    expect(await loadOrCreateInstallSecret(store)).toEqual(first);
  });

  it("is the same for every caller when several start at once", async () => {
    const store = createFileCredentialStore(path.join(dir, "credentials.json"));
    const secrets = await Promise.all(
      Array.from({ length: 5 }, () => loadOrCreateInstallSecret(store, { locksDir: path.join(dir, "locks") })),
    );
    expect(new Set(secrets.map((secret) => secret.toString("hex"))).size).toBe(1);
  });

  it("refuses a damaged secret instead of replacing it (pseudonyms depend on it)", async () => {
    const store = createFileCredentialStore(path.join(dir, "credentials.json"));
    await store.set("install-secret", "c2hvcnQ=");
    await expect(loadOrCreateInstallSecret(store)).rejects.toThrow(/damaged/);
  });
});
