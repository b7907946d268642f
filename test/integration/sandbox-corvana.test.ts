/** The Corvana sandbox's enrollment endpoint (DESIGN §6), checked over HTTP. */
import { generateKeyPairSync } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCorvanaClient } from "../../src/corvana/corvana-client.ts";
import { type RunningCorvanaSandbox, startCorvanaSandbox } from "../../src/sandbox/corvana/corvana-sandbox.ts";

let sandbox: RunningCorvanaSandbox;
const publicKeyPem = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString();

beforeEach(async () => {
  sandbox = await startCorvanaSandbox({ enrollmentCodes: ["GOOD"], revokedCodes: ["OLD"] });
});
afterEach(async () => {
  expect(sandbox.server.unrecognised).toEqual([]);
  await sandbox.close();
});

const enroll = (enrollmentCode: string, key = publicKeyPem) =>
  createCorvanaClient({ baseUrl: sandbox.url, userAgentVersion: "test" }).enrollCollector({
    enrollmentCode,
    publicKeyPem: key,
    collectorVersion: "0.1.0",
    source: "bitbucket-cloud",
  });

describe("Corvana sandbox enrollment", () => {
  it("enrolls a public key for a valid code and returns a collector id and ingest token", async () => {
    const result = await enroll("GOOD");
    expect(result.collectorId).toMatch(/^col_/);
    expect(sandbox.collectors.get(result.collectorId)).toMatchObject({
      publicKeyPem,
      ingestToken: result.ingestToken,
      source: "bitbucket-cloud",
    });
  });

  it("refuses an unknown code with 401 and a revoked one with 403", async () => {
    await expect(enroll("BAD")).rejects.toMatchObject({
      name: "UsageError",
      message: expect.stringContaining("invalid_enrollment_code"),
    });
    await expect(enroll("OLD")).rejects.toMatchObject({ message: expect.stringContaining("enrollment_code_revoked") });
    expect(sandbox.collectors.size).toBe(0);
  });

  it("refuses a key that is not Ed25519", async () => {
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    await expect(enroll("GOOD", rsa)).rejects.toMatchObject({ message: expect.stringContaining("invalid_public_key") });
  });

  it("is reported as unavailable when nothing listens", async () => {
    const url = sandbox.url;
    await sandbox.close();
    await expect(
      createCorvanaClient({ baseUrl: url, userAgentVersion: "t" }).enrollCollector({
        enrollmentCode: "GOOD",
        publicKeyPem,
        collectorVersion: "0",
        source: "bitbucket-cloud",
      }),
    ).rejects.toMatchObject({
      name: "CorvanaUnavailableError",
      exitCode: 4,
    });
    sandbox = await startCorvanaSandbox({ enrollmentCodes: [] });
  });
});
