import { createPublicKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type CorvanaClient, CorvanaUnavailableError } from "../corvana/corvana-client.ts";
import { UsageError } from "../errors.ts";
import type { CredentialStore } from "./credential-store.ts";
import { ensureEnrollment, readCollectorCredentials } from "./enroll-collector.ts";
import { keyFingerprint, loadSigningKey } from "./signing-key.ts";

function memoryStore(): CredentialStore {
  const values = new Map<string, string>();
  return {
    backend: "file",
    location: "memory",
    get: async (name) => values.get(name),
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => void values.delete(name),
  };
}

/** A Corvana that accepts one code and remembers the keys it was sent. */
function fakeCorvana(behaviour: "ok" | "unavailable" | "refused" = "ok") {
  const keys: string[] = [];
  const client: CorvanaClient = {
    async enrollCollector(request) {
      if (behaviour === "unavailable") throw new CorvanaUnavailableError("Cannot reach Corvana.");
      if (behaviour === "refused")
        throw new UsageError("Corvana refused the enrollment code (invalid_enrollment_code).");
      keys.push(request.publicKeyPem);
      return { collectorId: `col_${keys.length}`, ingestToken: `ingest-${keys.length}` };
    },
  };
  return { client, keys };
}

const base = {
  corvanaUrl: "https://corvana.example",
  collectorVersion: "0.1.0",
  rotateKey: false,
  enrollmentCode: undefined,
};

describe("enrollment", () => {
  it("makes an Ed25519 key at first login and enrolls its public key", async () => {
    const store = memoryStore();
    const corvana = fakeCorvana();
    const outcome = await ensureEnrollment({ ...base, store, corvana: corvana.client, enrollmentCode: "CODE" });
    const key = await loadSigningKey(store);
    expect(createPublicKey(key?.publicKeyPem ?? "").asymmetricKeyType).toBe("ed25519");
    expect(corvana.keys).toEqual([key?.publicKeyPem]);
    expect(outcome).toEqual({
      status: "enrolled",
      collectorId: "col_1",
      keyFingerprint: keyFingerprint(key?.publicKeyPem ?? ""),
      rotated: false,
    });
    expect(await readCollectorCredentials(store)).toMatchObject({
      collectorId: "col_1",
      ingestToken: "ingest-1",
      corvanaUrl: base.corvanaUrl,
    });
  });

  it("keeps the key and skips Corvana when login runs again", async () => {
    const store = memoryStore();
    const corvana = fakeCorvana();
    await ensureEnrollment({ ...base, store, corvana: corvana.client, enrollmentCode: "CODE" });
    const again = await ensureEnrollment({ ...base, store, corvana: corvana.client });
    expect(again.status).toBe("already-enrolled");
    expect(corvana.keys).toHaveLength(1);
  });

  it("makes the key but does not enroll without a code, and asks on a TTY", async () => {
    const store = memoryStore();
    let asked = 0;
    const outcome = await ensureEnrollment({
      ...base,
      store,
      corvana: fakeCorvana().client,
      promptCode: async () => {
        asked++;
        return undefined;
      },
    });
    expect(asked).toBe(1);
    expect(outcome).toMatchObject({ status: "not-enrolled", reason: "no-code" });
    expect(await loadSigningKey(store)).toBeDefined();
  });

  it("reports an unreachable Corvana instead of failing", async () => {
    const outcome = await ensureEnrollment({
      ...base,
      store: memoryStore(),
      corvana: fakeCorvana("unavailable").client,
      enrollmentCode: "CODE",
    });
    expect(outcome).toMatchObject({ status: "not-enrolled", reason: "unavailable", detail: "Cannot reach Corvana." });
  });

  it("rotates the key only once Corvana accepted the new one", async () => {
    const store = memoryStore();
    await ensureEnrollment({ ...base, store, corvana: fakeCorvana().client, enrollmentCode: "CODE" });
    const original = await loadSigningKey(store);

    await expect(ensureEnrollment({ ...base, store, corvana: fakeCorvana().client, rotateKey: true })).rejects.toThrow(
      /--rotate-key needs an enrollment code/,
    );
    await ensureEnrollment({
      ...base,
      store,
      corvana: fakeCorvana("unavailable").client,
      rotateKey: true,
      enrollmentCode: "CODE",
    });
    await expect(
      ensureEnrollment({
        ...base,
        store,
        corvana: fakeCorvana("refused").client,
        rotateKey: true,
        enrollmentCode: "BAD",
      }),
    ).rejects.toThrow(/refused/);
    expect(await loadSigningKey(store)).toEqual(original);

    const corvana = fakeCorvana();
    const rotated = await ensureEnrollment({
      ...base,
      store,
      corvana: corvana.client,
      rotateKey: true,
      enrollmentCode: "CODE",
    });
    const replacement = await loadSigningKey(store);
    expect(replacement?.privateKeyPem).not.toBe(original?.privateKeyPem);
    expect(corvana.keys).toEqual([replacement?.publicKeyPem]);
    expect(rotated).toMatchObject({
      status: "enrolled",
      rotated: true,
      keyFingerprint: keyFingerprint(replacement?.publicKeyPem ?? ""),
    });
  });
});
