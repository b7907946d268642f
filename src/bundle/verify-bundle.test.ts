import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFingerprint } from "../auth/signing-key.ts";
import { openMemoryStore } from "../store/store.ts";
import { bufferSource } from "./bundle-source.ts";
import { NotABundleError, readBundle } from "./read-bundle.ts";
import { recordTypes } from "./record-types.ts";
import { seedRun, testSigner } from "./test-support/seed-store.ts";
import { verifyBundle } from "./verify-bundle.ts";
import { writeBundles } from "./write-bundle.ts";

const signer = testSigner();
let dir: string;
let bytes: Buffer;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "corvana-bb-verify-"));
  const store = openMemoryStore();
  const run = seedRun(store, { repositories: 1, pullRequests: 2 });
  const window = { workspace: "ws", afterRun: 0, throughRun: run };
  const [bundle] = await writeBundles({
    dir,
    sources: recordTypes.map((type) => ({ type, rows: [...store.changes.iterate(type.source, window)] })),
    header: {
      collectorId: null,
      collectorVersion: "test",
      source: "bitbucket-cloud",
      workspace: "ws",
      window: { scope: "all", after_run: 0, through_run: run, after: null, through: null },
    },
    signer,
    maxRecords: 100,
  });
  bytes = fs.readFileSync(bundle?.temporaryFile ?? "");
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function verdict(buffer: Buffer, key?: string): Promise<"ok" | "bad-signature-or-digest" | "not-a-bundle"> {
  try {
    return (await verifyBundle(await readBundle(bufferSource(buffer)), key)).ok ? "ok" : "bad-signature-or-digest";
  } catch (error) {
    if (error instanceof NotABundleError) return "not-a-bundle";
    throw error;
  }
}

describe("verifyBundle", () => {
  it("accepts the bundle as written, with the signer's key", async () => {
    expect(await verdict(bytes, signer.publicKeyPem)).toBe("ok");
  });

  it("fails when any single byte of the file is changed — header, content, padding or trailer", async () => {
    const passed: number[] = [];
    for (let offset = 0; offset < bytes.length; offset++) {
      const copy = Buffer.from(bytes);
      copy[offset] = (copy[offset] ?? 0) ^ 0x01;
      if ((await verdict(copy)) === "ok") passed.push(offset);
    }
    expect(passed).toEqual([]);
  });

  it("fails when bytes are appended or the end is cut off", async () => {
    expect(await verdict(Buffer.concat([bytes, Buffer.alloc(512)]))).toBe("not-a-bundle");
    expect(await verdict(bytes.subarray(0, bytes.length - 1))).toBe("not-a-bundle");
  });

  it("fails against another expected key even though the bundle is intact", async () => {
    const other = testSigner();
    const report = await verifyBundle(await readBundle(bufferSource(bytes)), other.publicKeyPem);
    expect(report.ok).toBe(false);
    expect(report.checks).toMatchObject({ signature: true, digest: true, expectedKey: false });
  });

  it("reports the signer fingerprint exactly as `login` prints it", async () => {
    const report = await verifyBundle(await readBundle(bufferSource(bytes)));
    expect(report.signerFingerprint).toBe(keyFingerprint(signer.publicKeyPem));
    expect(report.manifest.signer.fingerprint).toBe(keyFingerprint(signer.publicKeyPem));
  });
});
