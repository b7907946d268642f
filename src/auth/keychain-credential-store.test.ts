import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createKeychainCredentialStore, keychainService } from "./keychain-credential-store.ts";

// Fake keychain helpers speaking the helper's line protocol, so the timeout and error paths run without
// a real keychain (the real one is exercised in test/integration/keychain.test.ts).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-keychain-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeHelper(name: string, body: string): string {
  const file = path.join(dir, `${name}.mjs`);
  fs.writeFileSync(file, `import { createInterface } from "node:readline";\n${body}\n`);
  return file;
}

const hanging = fakeHelper(
  "hanging",
  // Blocks the helper's thread for a minute, like a native call waiting for an unlock prompt.
  `createInterface({ input: process.stdin }).on("line", () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000); });`,
);
const failing = fakeHelper(
  "failing",
  `createInterface({ input: process.stdin }).on("line", (line) => { const { id } = JSON.parse(line); process.stdout.write(JSON.stringify({ id, ok: false, message: "Platform failure: no Secret Service" }) + "\\n"); });`,
);
const memory = fakeHelper(
  "memory",
  `const values = new Map(); createInterface({ input: process.stdin }).on("line", (line) => { const r = JSON.parse(line); const key = r.service + "/" + r.account; let value; if (r.op === "set") values.set(key, r.value); if (r.op === "get") value = values.get(key); if (r.op === "delete") values.delete(key); if (r.op === "list") value = [...values.keys()].map((k) => k.split("/")[1]); process.stdout.write(JSON.stringify({ id: r.id, ok: true, value }) + "\\n"); }); process.stdin.on("end", () => process.exit(0));`,
);

describe("keychain credential store", () => {
  it("gives up after the timeout with an error naming both ways to choose the file backend", async () => {
    const store = createKeychainCredentialStore({ service: "corvana-bb-test", timeoutMs: 300, helperPath: hanging });
    const started = Date.now();
    const error = (await store.get("install-secret").catch((e: unknown) => e)) as {
      message: string;
      hint: string;
      exitCode: number;
    };
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(error.message).toMatch(/keychain is not available: it did not answer within 0.3 s/);
    expect(error.hint).toContain("--credential-store file");
    expect(error.hint).toContain("CORVANA_BB_CREDENTIAL_STORE=file");
    expect(error.exitCode).toBe(2);
  });

  it("lets the process exit promptly after a keychain that hangs", () => {
    const script = path.join(dir, "exit-check.ts");
    const storeModule = path.join(import.meta.dirname, "keychain-credential-store.ts");
    fs.writeFileSync(
      script,
      `import { createKeychainCredentialStore } from ${JSON.stringify(storeModule)};
const store = createKeychainCredentialStore({ service: "corvana-bb-test", timeoutMs: 300, helperPath: ${JSON.stringify(hanging)} });
await store.get("x").catch(() => process.stdout.write("timed out\\n"));`,
    );
    const started = Date.now();
    const run = spawnSync(process.execPath, [script], { encoding: "utf8", timeout: 20_000 });
    expect(run.stdout).toBe("timed out\n");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports the keychain's own error, never falling back to anything else", async () => {
    const store = createKeychainCredentialStore({ service: "corvana-bb-test", timeoutMs: 5_000, helperPath: failing });
    await expect(store.set("a", "b")).rejects.toMatchObject({
      name: "UsageError",
      message: "The OS keychain is not available: Platform failure: no Secret Service.",
    });
  });

  it("stores, lists and deletes entries through one long-lived helper", async () => {
    const store = createKeychainCredentialStore({ service: "corvana-bb-test", timeoutMs: 5_000, helperPath: memory });
    await store.set("install-secret", "c2VjcmV0");
    await store.set("signing-key", "pem");
    expect(await store.get("install-secret")).toBe("c2VjcmV0");
    expect(await store.list?.()).toEqual(["install-secret", "signing-key"]);
    await store.delete("signing-key");
    expect(await store.get("signing-key")).toBeUndefined();
  });

  it("keeps a separate CORVANA_BB_HOME apart from the main install in the keychain", () => {
    expect(keychainService(undefined)).toBe("corvana-bb");
    expect(keychainService("/srv/corvana-a")).toMatch(/^corvana-bb@[0-9a-f]{12}$/);
    expect(keychainService("/srv/corvana-a")).not.toBe(keychainService("/srv/corvana-b"));
  });
});
