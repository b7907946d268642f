import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileCredentialStore, fileStoreWarning } from "./file-credential-store.ts";

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-file-store-"));
  file = path.join(dir, "data", "credentials.json");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("file credential store", () => {
  it("creates a 0600 file in a 0700 directory and reads back what it wrote", async () => {
    const store = createFileCredentialStore(file);
    expect(await store.get("install-secret")).toBeUndefined();
    await store.set("install-secret", "c2VjcmV0");
    await store.set("bitbucket:ws", '{"kind":"access-token"}');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(await store.get("install-secret")).toBe("c2VjcmV0");
    expect(await store.list?.()).toEqual(["install-secret", "bitbucket:ws"]);
    await store.delete("install-secret");
    expect(await createFileCredentialStore(file).get("install-secret")).toBeUndefined();
  });

  it("leaves no temporary or lock files behind", async () => {
    const store = createFileCredentialStore(file);
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.set(`entry-${i}`, String(i))));
    expect(fs.readdirSync(path.dirname(file))).toEqual(["credentials.json"]);
    expect((await store.list?.())?.length).toBe(8);
  });

  it("refuses a file that other users can read", async () => {
    await createFileCredentialStore(file).set("a", "b");
    fs.chmodSync(file, 0o644);
    await expect(createFileCredentialStore(file).get("a")).rejects.toMatchObject({
      name: "UsageError",
      message: expect.stringContaining("mode 644"),
      hint: expect.stringContaining("chmod 600"),
    });
  });

  it("says how to recover from a damaged file", async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "{not json", { mode: 0o600 });
    await expect(createFileCredentialStore(file).get("a")).rejects.toMatchObject({
      message: expect.stringContaining("damaged"),
    });
  });

  it("warns that a file is less protected than the keychain", () => {
    expect(fileStoreWarning(file)).toContain("less protected than the OS keychain");
  });
});
